// Reports and exports over five years of data: about 600,000 activity minutes and 50,000 entries in an on-disk
// SQLite database (bench/run.ts prints the result as `fiveYears`). Goals: a weekly report under 20 ms, the database
// under 40 MB. Export: a month (CSV, JSON, archive) and all five years as CSV, with the longest event-loop delay seen
// meanwhile (the export yields between pages, so other requests and the tick keep running).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { calendarDateOf } from '../common/local-time';
import { createExportFiles } from '../main/adapters/node/export-files';
import { ExportService } from '../main/core/export/export-service';
import { ReportService } from '../main/core/reports/report-service';
import { openDatabase } from '../main/store/database';
import { createExportEntrySource } from '../main/store/export-repository';
import { createSqliteStore } from '../main/store/sqlite-store';
import { round } from './stats';

const ENTRY_MINUTES = 12;
const ENTRIES_PER_DAY = 38;
const YEARS = 5;

interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

function timed(runs: number, task: () => unknown): Timing {
  task(); // warm the statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const began = performance.now();
    task();
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(times[Math.floor(times.length / 2)] ?? 0), minMs: round(times[0] ?? 0), maxMs: round(times.at(-1) ?? 0), runs };
}

export async function fiveYears(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-5y-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const dbPath = join(dataDir, 'clockhand.db');
  const db = openDatabase(dbPath);
  try {
    const end = new Date(2026, 10, 27); // a Friday
    const first = new Date(end.getFullYear() - YEARS, end.getMonth(), end.getDate());
    const entry = db.prepare(
      `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'timer', ?, ?, ?)`,
    );
    const minute = db.prepare(
      'INSERT INTO activity_minutes (minute_start, active_seconds, keyboard_seconds, mouse_seconds) VALUES (?, ?, ?, ?)',
    );
    const idle = db.prepare(
      `INSERT INTO idle_spans (started_at, ended_at, reason, state, decided_by, decided_at, created_at)
       VALUES (?, ?, 'inactivity', ?, 'user', ?, ?)`,
    );
    let entries = 0;
    let minutes = 0;
    const seeding = performance.now();
    db.transaction(() => {
      let n = 0;
      for (let d = new Date(first); d <= end; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
        const weekday = d.getDay();
        if (weekday === 0 || weekday === 6) continue;
        const nine = new Date(d.getFullYear(), d.getMonth(), d.getDate(), 9).getTime();
        for (let e = 0; e < ENTRIES_PER_DAY; e += 1) {
          const start = nine + e * ENTRY_MINUTES * 60_000;
          const stop = start + ENTRY_MINUTES * 60_000;
          n += 1;
          const task =
            n % 3 === 0
              ? `asana:${String(1_200_000 + (n % 40))}`
              : n % 7 === 0
                ? 'local:email'
                : `jira:PROJ${String(n % 4)}-${String((n % 300) + 1)}`;
          entry.run(task, start, stop, n % 5 === 0 ? `review "${String(n)}", part 2` : null, stop, stop, stop);
          entries += 1;
          for (let m = start; m < stop; m += 60_000) {
            const active = (n * 7 + m / 60_000) % 61;
            minute.run(m, active, Math.floor(active / 2), active - Math.floor(active / 2));
            minutes += 1;
          }
        }
        idle.run(nine + 3 * 3_600_000, nine + 3 * 3_600_000 + 600_000, 'kept', nine, nine);
      }
    })();
    const seedSeconds = round((performance.now() - seeding) / 1000, 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const databaseBytes = statSync(dbPath).size;

    const store = createSqliteStore(db);
    const reports = new ReportService(store);
    const now = end.getTime() + 20 * 3_600_000;
    const lastWeek = calendarDateOf(end.getTime());
    const weekReport = timed(100, () => reports.week(lastWeek, now));
    const dayReport = timed(50, () => reports.day(lastWeek, now));
    const monthReport = timed(20, () => reports.month(lastWeek, now));
    const oldWeek = timed(50, () => reports.week(calendarDateOf(first.getTime() + 30 * 86_400_000), now));

    const clock = { now: () => now, monotonic: () => performance.now() };
    const exporter = new ExportService(createExportEntrySource(db), createExportFiles(dataDir), clock);
    const month = `${String(end.getFullYear())}-${String(end.getMonth() + 1).padStart(2, '0')}`;
    const monthRange = { from: `${month}-01`, to: `${month}-${String(end.getDate()).padStart(2, '0')}` };
    const monthExport: Record<string, unknown> = {};
    for (const format of ['csv', 'json', 'archive'] as const) {
      monthExport[format] = await measuredExport(() =>
        exporter.export({ format, out: join(dir, `month.${format === 'archive' ? 'zip' : format}`), ...monthRange }),
      );
    }
    const fullCsv = await measuredExport(() => exporter.export({ format: 'csv', out: join(dir, 'all.csv') }));
    return {
      entries,
      activityMinutes: minutes,
      seedSeconds,
      databaseMb: round(databaseBytes / 1_048_576, 1),
      goalDatabaseMb: 40,
      weekReportLastWeek: weekReport,
      weekReportFirstMonth: oldWeek,
      goalWeekReportMs: 20,
      dayReport,
      monthReport,
      monthExport,
      fiveYearCsvExport: fullCsv,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measuredExport(run: () => Promise<{ entries: number; bytes: number }>): Promise<Record<string, unknown>> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const began = performance.now();
  const result = await run();
  const ms = performance.now() - began;
  clearInterval(sampler);
  delay.disable();
  return {
    entries: result.entries,
    kb: round(result.bytes / 1024, 1),
    ms: round(ms, 1),
    maxEventLoopDelayMs: round(delay.max / 1e6, 1),
    rssGrowthMb: round((peakRss - rssBefore) / 1_048_576, 1),
  };
}
