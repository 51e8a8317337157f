import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { createSqliteStore } from './sqlite-store';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 5, 1, 12);

describe('entries intersecting a range (index seeks, migration 008)', () => {
  it('finds short entries, entries longer than a day and the running one, each once and in order', () => {
    const db = openDatabase(':memory:');
    const store = createSqliteStore(db);
    const add = (taskRef: string, startedAt: number, endedAt: number | null) =>
      store.entries.insert({ taskRef, startedAt, endedAt, note: null, origin: 'timer', now: endedAt ?? startedAt }).id;
    const longAgo = add('local:long', T - 100 * HOUR, T + 2 * HOUR); // a timer left on for four days
    const before = add('local:before', T - 20 * HOUR, T - HOUR); // ends before the range
    const overlapping = add('local:overlap', T - 23 * HOUR, T + HOUR); // starts almost a day before
    const inside = add('local:inside', T + 3 * HOUR, T + 4 * HOUR);
    const running = add('local:running', T - 50 * HOUR, null);
    const after = add('local:after', T + 10 * HOUR, T + 11 * HOUR);
    const ids = (from: number, to: number, now: number) => store.entries.intersecting(from, to, now).map((e) => e.id);
    expect(ids(T, T + 5 * HOUR, T + 6 * HOUR)).toEqual([longAgo, running, overlapping, inside]);
    // The running entry counts up to now only.
    expect(ids(T, T + 5 * HOUR, T - 60 * HOUR)).toEqual([longAgo, overlapping, inside]);
    expect(ids(T + 10 * HOUR, T + 12 * HOUR, T + 6 * HOUR)).toEqual([after]);
    expect(ids(T - 2 * HOUR, T - HOUR, T - 70 * HOUR)).toEqual([longAgo, overlapping, before]);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM time_entries WHERE (ended_at IS NULL OR ended_at - started_at > 86400000) AND started_at < ?`,
      )
      .all(T) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('time_entries_long');
  });
});
