// trayView: what the app's tray costs the main process. DesktopService.trayView() runs once a second in the app
// (status of the timer, five recent tasks, screenshot state, outbox counts, connections, pending idle decisions);
// measured on an on-disk database holding 30 days of entries (12 a day), median of 2,000 calls after a warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../main/store/database';
import { createSqliteStore } from '../main/store/sqlite-store';
import { coreHarness, must } from '../test/fakes/core-harness';

export function trayView(): { medianMicroseconds: number; p99Microseconds: number; entries: number; calls: number } {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-tray-'));
  try {
    const start = new Date(2026, 9, 24, 9, 0, 0).getTime();
    // The clock starts after the 30 days of history (advancing it through them would run 2.6 million ticks).
    const h = coreHarness(start + 30 * 86_400_000, {}, { store: createSqliteStore(openDatabase(join(dir, 'bench.db'))) });
    let entries = 0;
    for (let day = 0; day < 30; day += 1) {
      for (let slot = 0; slot < 12; slot += 1) {
        const from = new Date(start + day * 86_400_000 + slot * 30 * 60_000);
        const to = new Date(from.getTime() + 25 * 60_000);
        must(h.core.invoke('entry.add', { taskRef: `jira:BENCH-${String((slot % 9) + 1)}`, start: iso(from), end: iso(to) }));
        entries += 1;
      }
    }
    must(h.core.invoke('timer.start', { taskRef: 'jira:BENCH-1' }));
    const times: number[] = [];
    const calls = 2_000;
    for (let i = 0; i < 200 + calls; i += 1) {
      // Past the one-minute cache of recent tasks now and then, as in the app.
      if (i % 60 === 0) h.time.advance(61_000);
      const began = performance.now();
      h.core.desktop.trayView();
      if (i >= 200) times.push((performance.now() - began) * 1000);
    }
    times.sort((a, b) => a - b);
    return {
      medianMicroseconds: Math.round(times[Math.floor(calls / 2)] ?? Number.NaN),
      p99Microseconds: Math.round(times[Math.floor(calls * 0.99)] ?? Number.NaN),
      entries,
      calls,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function iso(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
