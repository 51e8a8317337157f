// `npm run bench`: prints one JSON object with the measured figures.
//   inputPipeline     input events per second through the activity pipeline (source -> supervisor -> tracker ->
//                     presence bit), one core, goal > 5 million/s
//   simulatedHour     CPU seconds the core spends on one simulated hour of tracking (3,600 ticks, a realistic input
//                     stream, a real on-disk SQLite database), goal < 0.2 % of one core (7.2 CPU s per hour)
//   agentProcess      CPU of a real `clockhand run` process (built CLI) with a timer running, sampled over real seconds
//                     after a warm-up, extrapolated per hour (CLOCKHAND_BENCH_AGENT_SECONDS sets the sample length)
//   syncDrain         see bench/sync-drain.ts (CLOCKHAND_BENCH_SYNC_WORKLOGS, CLOCKHAND_BENCH_SYNC_RATE)
//   screenshots*      see bench/screenshots.ts
//   backupRestore, redaction   see bench/trust.ts (CLOCKHAND_BENCH_BACKUP_ENTRIES)
//   trayView          see bench/desktop.ts: the tray's view model, computed once a second in the app
//   standupCompose    see bench/standups.ts
//   todayRender       see bench/today-render.ts (first render of the Today view with a full day, in Chromium)
//   fiveYears         see bench/five-years.ts: weekly report and month export over five years of data, database size
// CLOCKHAND_BENCH_ONLY=name,name runs only those sections.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../main/store/database';
import { createSqliteStore } from '../main/store/sqlite-store';
import { coreHarness, must } from '../test/fakes/core-harness';
import { clockhand, clockhandBin, repoRoot } from '../test/harness/agent-process';
import { syncDrain } from './sync-drain';
import { aesGcm, capture } from './screenshots';
import { backupRestore, redaction } from './trust';
import { trayView } from './desktop';
import { standupCompose } from './standups';
import { todayRender } from './today-render';
import { fiveYears } from './five-years';
import { median, round } from './stats';

const start = new Date(2026, 10, 23, 9, 0, 0).getTime();

function inputPipeline(): { eventsPerSecond: number; events: number; runs: number } {
  const h = coreHarness(start);
  const events = 20_000_000;
  const rates: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const began = performance.now();
    for (let i = 0; i < events; i += 1) h.source.emit((i & 1) === 0 ? 'keyboard' : 'mouse');
    const seconds = (performance.now() - began) / 1000;
    rates.push(events / seconds);
    h.time.advance(1_000); // one tick takes the bits
  }
  return { eventsPerSecond: Math.round(median(rates)), events, runs: rates.length };
}

/** A working hour: bursts of typing and mousing (about 30 events a second), pauses, one 8-minute break. */
function simulatedHour(): { cpuSeconds: number; percentOfOneCore: number; activeSeconds: number; ticks: number } {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-'));
  try {
    const store = createSqliteStore(openDatabase(join(dir, 'bench.db')));
    const h = coreHarness(start, {}, { store });
    must(h.core.invoke('timer.start', { taskRef: 'jira:BENCH-1' }));
    let second = 0;
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cpuBefore = process.cpuUsage();
    for (let tick = 0; tick < 3_600; tick += 1) {
      second += 1;
      const onBreak = second > 1_800 && second < 1_800 + 8 * 60;
      if (!onBreak && random() < 0.7) {
        const events = 10 + Math.floor(random() * 40);
        for (let i = 0; i < events; i += 1) h.source.emit(random() < 0.5 ? 'keyboard' : 'mouse');
      }
      h.time.advance(1_000);
      if (tick % 60 === 0) must(h.core.invoke('status', {})); // a face polling status once a minute
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const activeSeconds = must(h.core.invoke('status', {})).activity.activeSecondsToday;
    h.core.tracker.stop();
    return { cpuSeconds: round(cpuSeconds, 4), percentOfOneCore: round((100 * cpuSeconds) / 3_600, 5), activeSeconds, ticks: 3_600 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuTicksOf(pid: number): number {
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}

async function agentProcess(sampleSeconds: number, warmUpSeconds: number): Promise<Record<string, unknown>> {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) return { error: 'not built: run `npm run build` first' };
  if (process.platform !== 'linux') return { error: 'measured through /proc: Linux only' };
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-agent-'));
  const child = spawn(process.execPath, [clockhandBin, '--data-dir', dir, 'run', '--log-level', 'warn'], { stdio: 'ignore' });
  try {
    const pid = child.pid;
    if (pid === undefined) return { error: 'could not start the agent' };
    for (let i = 0; i < 100 && (await clockhand(['--data-dir', dir, 'status'])).code !== 0; i += 1) await sleep(100);
    await clockhand(['--data-dir', dir, 'consent', '--accept']);
    await clockhand(['--data-dir', dir, 'start', 'jira:BENCH-1']);
    // Start-up (module compilation, the first GCs) costs ~0.1 CPU s: measure the steady state after it.
    await sleep(warmUpSeconds * 1000);
    const before = cpuTicksOf(pid);
    await sleep(sampleSeconds * 1000);
    const cpuSeconds = (cpuTicksOf(pid) - before) / 100; // USER_HZ is 100 on Linux
    return {
      warmUpSeconds,
      sampleSeconds,
      cpuSeconds,
      percentOfOneCore: round((100 * cpuSeconds) / sampleSeconds, 4),
      cpuSecondsPerHour: round((cpuSeconds * 3_600) / sampleSeconds, 2),
      note: 'timer running, no user input (the hook child is a separate process and not included)',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a drain `runs` times; the median run by ratio, plus every run's ratio and 429 count. */
async function medianRun(runs: number, drain: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await drain());
  const ratio = (r: Record<string, unknown>): number => Number(r['ratioToIdeal']);
  const sorted = [...results].sort((a, b) => ratio(a) - ratio(b));
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    runs: results.map((r) => ({ ratioToIdeal: ratio(r), rejected429: r['rejected429'], duplicates: r['duplicates'] })),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const syncWorklogs = Number(process.env.CLOCKHAND_BENCH_SYNC_WORKLOGS ?? '10000');
const syncRate = Number(process.env.CLOCKHAND_BENCH_SYNC_RATE ?? '200');
const sections: Record<string, () => unknown> = {
  inputPipeline: () => inputPipeline(),
  simulatedHour: () => simulatedHour(),
  agentProcess: () => agentProcess(Number(process.env.CLOCKHAND_BENCH_AGENT_SECONDS ?? '30'), 10),
  // Only the vendor's rate limiter answers 429 ...
  syncDrain: () => syncDrain(syncWorklogs, syncRate, 0),
  // ... and also one request in 500 gets a random 429 with Retry-After: 1, which stops the lane for a second. How many
  // 429s come, and whether they come while the client catches up after a pause, varies a lot: three runs, the median.
  syncDrainRandom429: () => medianRun(3, () => syncDrain(syncWorklogs, syncRate, 0.002)),
  screenshotsAesGcm: () => aesGcm(),
  screenshotsCapture: () => capture(),
  backupRestore: () => backupRestore(Number(process.env.CLOCKHAND_BENCH_BACKUP_ENTRIES ?? '100000')),
  backupMemory: async () => (await import('./backup-memory')).backupMemory(),
  redaction: () => redaction(),
  trayView: () => trayView(),
  standupCompose: () => standupCompose(Number(process.env.CLOCKHAND_BENCH_STANDUP_ENTRIES ?? '5000')),
  todayRender: () => todayRender(),
  fiveYears: () => fiveYears(),
};
// CLOCKHAND_BENCH_ONLY=syncDrain,screenshotsCapture runs only those sections (all of them by default).
const only = (process.env.CLOCKHAND_BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '');
const unknown = only.filter((name) => !(name in sections));
if (unknown.length > 0) {
  process.stderr.write(`CLOCKHAND_BENCH_ONLY: no section ${unknown.join(', ')} (there are ${Object.keys(sections).join(', ')})\n`);
  process.exit(2);
}
const result: Record<string, unknown> = { node: process.version, cpus: (await import('node:os')).cpus().length };
for (const [name, run] of Object.entries(sections)) {
  if (only.length === 0 || only.includes(name)) result[name] = await run();
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
