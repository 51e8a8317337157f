import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, TimeRetention } from '../core/retention/time-retention';
import type { Logger } from '../core/ports/logger';
import type { Store } from '../core/ports/repositories';
import { coreHarness } from '../../test/fakes/core-harness';
import { FakeTime } from '../../test/fakes/fake-time';
import { openDatabase } from './database';
import { createExportEntrySource } from './export-repository';
import { createTimeRetentionRepository } from './retention-repository';
import { createSqliteStore } from './sqlite-store';
import { createStandupRepository } from './standup-repository';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let db: Database.Database;
let store: Store;

beforeEach(() => {
  db = openDatabase(':memory:');
  store = createSqliteStore(db);
});

function entry(startedAt: number, endedAt: number | null): number {
  return store.entries.insert({ taskRef: 'jira:OLD-1', startedAt, endedAt, note: null, origin: 'timer', now: startedAt }).id;
}

function syncItem(entryId: number, state: string): void {
  db.prepare(
    `INSERT INTO sync_items (entry_id, connection_id, provider, remote_object, op, payload, state, next_attempt_at, created_at, updated_at)
     VALUES (?, 1, 'jira', 'OLD-1', 'upsert', '{}', ?, 0, 0, 0)`,
  ).run(entryId, state);
}

function ids(): number[] {
  return db
    .prepare<[], { id: number }>('SELECT id FROM time_entries ORDER BY id')
    .all()
    .map((r) => r.id);
}

function syncRows(): { entry_id: number; state: string; op: string }[] {
  return db.prepare<[], { entry_id: number; state: string; op: string }>('SELECT entry_id, state, op FROM sync_items ORDER BY id').all();
}

function minutes(): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activity_minutes').get()?.n ?? 0;
}

describe('time retention', () => {
  it('deletes entries, activity and decided idle spans older than the retention, once a day, without touching the vendors', () => {
    const time = new FakeTime(NOW);
    let days = 730;
    const retention = new TimeRetention(createTimeRetentionRepository(db), () => days, time, silent);
    const cutoff = NOW - 730 * DAY_MS;
    const old = entry(cutoff - 2 * 3_600_000, cutoff - 3_600_000); // synced: goes, with its done sync row
    const oldPending = entry(cutoff - 5 * 3_600_000, cutoff - 4 * 3_600_000); // not yet at Jira: kept
    const straddling = entry(cutoff - 600_000, cutoff + 600_000); // ends after the cutoff: kept whole
    const recent = entry(NOW - DAY_MS, NOW - DAY_MS + 3_600_000);
    const running = entry(NOW - 60_000, null);
    syncItem(old, 'done');
    syncItem(oldPending, 'needs_attention');
    syncItem(recent, 'done');
    for (const at of [cutoff - 120_000, cutoff - 60_000, cutoff, NOW - 60_000]) store.activity.addSecond(at, true, false);
    const decided = store.idleSpans.insert({
      startedAt: cutoff - 9_000_000,
      endedAt: cutoff - 8_000_000,
      reason: 'inactivity',
      state: 'discarded',
      decidedBy: 'auto',
      decideBy: null,
      now: cutoff,
    });

    const standups = createStandupRepository(db);
    const content = { workedDay: '2024-11-24', yesterday: [{ taskRef: 'jira:OLD-1', title: 'Old', minutes: 60 }], today: [] };
    standups.saveDraft('2024-11-24', content, cutoff - 3_600_000);
    const beingPosted = standups.saveDraft('2024-11-23', content, cutoff - 7_200_000);
    standups.queue(beingPosted.id, 1, { kind: 'slack', channel: 'C0OLD' }, cutoff - 7_200_000);
    standups.saveDraft('2026-11-25', content, NOW - 3_600_000);

    retention.tick();
    expect(ids()).toEqual([oldPending, straddling, recent, running]);
    // Old standups (composed from old time) go too, except one still in the outbox.
    expect(db.prepare<[], { day: string }>('SELECT day FROM standups ORDER BY day').all()).toEqual([
      { day: '2024-11-23' },
      { day: '2026-11-25' },
    ]);
    expect(syncRows()).toEqual([
      { entry_id: oldPending, state: 'needs_attention', op: 'upsert' },
      { entry_id: recent, state: 'done', op: 'upsert' },
    ]);
    // No delete was queued for any vendor.
    expect(syncRows().some((row) => row.op === 'delete')).toBe(false);
    expect(minutes()).toBe(2);
    expect(store.idleSpans.get(decided.id)).toBeNull();

    // Within the day nothing runs again, even when the setting shrinks; a day later it does.
    days = 1;
    time.advance(DAY_MS - 1_000);
    retention.tick();
    expect(ids()).toEqual([oldPending, straddling, recent, running]);
    time.advance(1_000);
    retention.tick();
    expect(ids()).toEqual([oldPending, running]);
    expect(minutes()).toBe(0);
  });

  it('runs on the tracker tick of the real core with the policy default of 730 days', () => {
    const cutoff = NOW - 730 * DAY_MS;
    const kept = entry(cutoff + 60_000, cutoff + 120_000);
    const gone = entry(cutoff - 120_000, cutoff - 60_000);
    store.activity.addSecond(cutoff - 60_000, true, true);
    const h = coreHarness(
      NOW,
      {},
      {
        store,
        dataRights: {
          entries: createExportEntrySource(db),
          files: {
            create: () => {
              throw new Error('no files here');
            },
            createArchive: () => {
              throw new Error('no files here');
            },
            pause: () => Promise.resolve(),
          },
          erase: () => undefined,
          retention: createTimeRetentionRepository(db),
        },
      },
    );
    h.time.advance(2_000);
    expect(ids()).toEqual([kept]);
    expect(ids()).not.toContain(gone);
    expect(minutes()).toBe(0);
    expect(h.logs.some((line) => line.message === 'time retention applied')).toBe(true);
  });
});
