import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import type { BackupInfo, Backups } from '../ports/backups';
import { silentLogger } from '../ports/logger';
import { BackupSchedule, BACKUP_EVERY_MS, CHECK_EVERY_MS, FIRST_CHECK_MS } from './backup-schedule';

/** Backups kept in memory, newest first, pruned to `keep` like the real ones. */
class MemoryBackups implements Backups {
  readonly made: { at: number; keep: number }[] = [];
  private kept: BackupInfo[] = [];
  constructor(private readonly time: FakeTime) {}
  create(keep: number): Promise<BackupInfo> {
    const info = { id: `b${String(this.made.length)}`, createdAt: this.time.now(), bytes: 100 };
    this.made.push({ at: this.time.now(), keep });
    this.kept = [info, ...this.kept].slice(0, keep);
    return Promise.resolve(info);
  }
  list(): BackupInfo[] {
    return this.kept;
  }
}

async function run(time: FakeTime, schedule: BackupSchedule, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 60_000) {
    time.advance(Math.min(60_000, left));
    schedule.tick();
    await schedule.settled();
  }
}

describe('the daily backup', () => {
  it('waits FIRST_CHECK_MS after start, then backs up once a day with backup.keep, only after consent', async () => {
    const time = new FakeTime(Date.UTC(2026, 10, 20, 8));
    const backups = new MemoryBackups(time);
    let consented = false;
    const schedule = new BackupSchedule({ backups, clock: time, logger: silentLogger, keep: () => 3, allowed: () => consented });
    await run(time, schedule, FIRST_CHECK_MS + CHECK_EVERY_MS);
    expect(backups.made).toEqual([]);
    consented = true;
    await run(time, schedule, CHECK_EVERY_MS);
    expect(backups.made).toHaveLength(1);
    await run(time, schedule, BACKUP_EVERY_MS - CHECK_EVERY_MS);
    expect(backups.made).toHaveLength(1);
    await run(time, schedule, 4 * BACKUP_EVERY_MS);
    expect(backups.made.length).toBe(5);
    expect(backups.made.every((b) => b.keep === 3)).toBe(true);
    expect(schedule.list().map((b) => b.id)).toEqual(['b4', 'b3', 'b2']);
    expect((await schedule.now()).id).toBe('b5');
  });

  it('without a backup port, backup now is refused as unavailable', async () => {
    const time = new FakeTime(0);
    const schedule = new BackupSchedule({ backups: null, clock: time, logger: silentLogger, keep: () => 7, allowed: () => true });
    await expect(schedule.now()).rejects.toMatchObject({ code: 'unavailable' });
    expect(schedule.list()).toEqual([]);
  });
});
