import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entryDtoSchema, statusDtoSchema } from '../../common/dto';
import { DATABASE_FILE } from '../../main/adapters/node/data-dir';
import { clockhandJson, requireBuild, startAgent } from '../harness/agent-process';

describe('kill -9 of the agent while tracking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-crash-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('recovers the running entry, loses at most 2 seconds, and keeps the database intact', async () => {
    requireBuild();
    const args = (...rest: string[]): string[] => ['--data-dir', dir, ...rest];
    const first = await startAgent(dir);
    const started = entryDtoSchema.parse(await clockhandJson(args('start', 'jira:CRASH-1')));
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const killedAt = Date.now();
    await first.kill9();

    // What is on disk right after the crash: the running entry, checkpointed within the last 2 seconds.
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const row = db
      .prepare<[], { ended_at: number | null; checkpoint_at: number; started_at: number }>(
        'SELECT ended_at, checkpoint_at, started_at FROM time_entries',
      )
      .get();
    db.close();
    expect(integrity).toBe('ok');
    expect(row?.ended_at).toBeNull();
    const lostMs = killedAt - (row?.checkpoint_at ?? 0);
    expect(lostMs).toBeGreaterThanOrEqual(0);
    expect(lostMs).toBeLessThanOrEqual(2_000);

    const second = await startAgent(dir);
    try {
      const status = statusDtoSchema.parse(await clockhandJson(args('status')));
      expect(status.recovered).toMatchObject({ entryId: started.id, taskRef: 'jira:CRASH-1', resumed: true });
      expect(status.timer).toMatchObject({ running: true, entryId: started.id });
      // The entry kept everything up to the crash: elapsed covers at least the 4.5 s before the kill.
      expect(status.timer.elapsedSeconds).toBeGreaterThanOrEqual(4);
      const stopped = entryDtoSchema.parse(await clockhandJson(args('stop')));
      const list = z.array(entryDtoSchema).parse(await clockhandJson(args('entries')));
      expect(list).toHaveLength(1);
      expect(new Date(stopped.endedAt ?? '').getTime()).toBeGreaterThanOrEqual(killedAt - 2_000);
    } finally {
      await second.stop();
    }
    const after = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
