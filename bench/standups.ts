// standupCompose: milliseconds for `standup.preview` (recompose + save) on a Monday whose previous working day
// (Friday) holds CLOCKHAND_BENCH_STANDUP_ENTRIES entries (default 5,000) over 200 issues; on-disk SQLite, median of 5.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../main/store/database';
import { createSqliteStore } from '../main/store/sqlite-store';
import { coreHarness, must } from '../test/fakes/core-harness';

export function standupCompose(entries: number): { medianMs: number; entries: number; issues: number; yesterdayLines: number } {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-standup-'));
  try {
    const store = createSqliteStore(openDatabase(join(dir, 'bench.db')));
    const friday = new Date(2026, 10, 20, 0, 0, 0).getTime();
    const slot = Math.floor((24 * 3_600_000) / entries);
    store.transaction(() => {
      for (let i = 0; i < entries; i += 1) {
        const startedAt = friday + i * slot;
        store.entries.insert({
          taskRef: `jira:BENCH-${String(i % 200)}`,
          startedAt,
          endedAt: startedAt + slot,
          note: null,
          origin: 'manual',
          now: startedAt,
        });
      }
    });
    const h = coreHarness(new Date(2026, 10, 23, 9, 0, 0).getTime(), {}, { store });
    const times: number[] = [];
    let lines = 0;
    for (let run = 0; run < 5; run += 1) {
      const began = performance.now();
      lines = must(h.core.invoke('standup.preview', {})).yesterday.length;
      times.push(performance.now() - began);
    }
    h.core.tracker.stop();
    const sorted = [...times].sort((a, b) => a - b);
    return { medianMs: Number((sorted[2] ?? Number.NaN).toFixed(2)), entries, issues: 200, yesterdayLines: lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
