import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAgent } from '../../main/adapters/node/control-client';
import { controlSocketPath, DATABASE_FILE } from '../../main/adapters/node/data-dir';
import { calendarDateOf, formatCalendarDate } from '../../common/local-time';
import { dayReportSchema, exportProgressSchema, monthReportSchema, statusDtoSchema, weekReportSchema } from '../../common/dto';
import { archiveManifestSchema, exportFileSchema } from '../../common/export-schema';
import { openDatabase } from '../../main/store/database';
import { clockhand, clockhandBin, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { readZip } from '../harness/zip-reader';

const SEEDED = 55_000;
const run = promisify(execFile);
const DAY = 86_400_000;
// Within the default retention (730 days): the agent's daily retention job would delete older entries at start.
// The seeded entries end two months ago, before the days the report test uses.
const seedStart = Date.now() - 700 * DAY;

/** A Tuesday one to two weeks ago, and the Wednesday after it, as YYYY-MM-DD. */
function recentTuesday(): { tuesday: string; wednesday: string; month: string } {
  const d = new Date(Date.now() - 10 * DAY);
  const back = (d.getDay() + 7 - 2) % 7;
  const tuesday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - back);
  const wednesday = new Date(tuesday.getFullYear(), tuesday.getMonth(), tuesday.getDate() + 1);
  const text = (x: Date) => formatCalendarDate(calendarDateOf(x.getTime()));
  return { tuesday: text(tuesday), wednesday: text(wednesday), month: text(wednesday).slice(0, 7) };
}

/** Two years of entries written straight into the database before the agent starts (what years of use leave). */
function seed(dataDir: string): void {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const insert = db.prepare(
    `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'timer', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let n = 0; n < SEEDED; n += 1) {
      const at = seedStart + n * 1_000_000; // about 17 minutes apart: 636 days
      insert.run(`jira:OLD-${String((n % 90) + 1)}`, at, at + 600_000, null, at, at, at);
    }
  })();
  db.close();
}

describe('reports and the archive through the agent and the CLI', () => {
  let dir: string;
  let out: string;
  let agent: AgentProcess;
  let args: (...rest: string[]) => string[];

  beforeAll(async () => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'clockhand-reports-'));
    out = mkdtempSync(join(tmpdir(), 'clockhand-reports-out-'));
    args = (...rest) => ['--data-dir', dir, ...rest];
    seed(dir);
    agent = await startAgent(dir);
  });

  afterAll(async () => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('report day|week|month [--json]: an entry over midnight counts in both days; the ledger covers the working day', async () => {
    const { tuesday, wednesday, month: monthText } = recentTuesday();
    await clockhandJson(args('entry', 'add', 'jira:ABC-7', '--start', `${tuesday}T16:00`, '--end', `${wednesday}T01:00`));
    await clockhandJson(args('entry', 'add', 'local:admin', '--start', `${wednesday}T10:00`, '--end', `${wednesday}T10:30`));
    const day = dayReportSchema.parse(await clockhandJson(args('report', 'day', wednesday)));
    expect(day.totalSeconds).toBe(3600 + 1800);
    expect(day.byProject).toEqual([
      { provider: 'jira', project: 'ABC', name: null, seconds: 3600 },
      { provider: 'local', project: 'local', name: null, seconds: 1800 },
    ]);
    expect(day.ledger.totals).toEqual({
      trackedSeconds: 1800,
      idleKeptSeconds: 0,
      idlePendingSeconds: 0,
      idleDiscardedSeconds: 0,
      untrackedSeconds: 7.5 * 3600,
      trackedOutsideSeconds: 3600,
    });
    const previous = dayReportSchema.parse(await clockhandJson(args('report', '--day', tuesday)));
    expect(previous.ledger.totals).toMatchObject({ trackedSeconds: 3600, trackedOutsideSeconds: 7 * 3600 });
    const week = weekReportSchema.parse(await clockhandJson(args('report', 'week', wednesday)));
    expect(week.totalSeconds).toBe(9.5 * 3600);
    const month = monthReportSchema.parse(await clockhandJson(args('report', 'month', monthText)));
    expect(month).toMatchObject({ month: monthText, totalSeconds: 9.5 * 3600 });
    expect(month.byProvider).toEqual([
      { provider: 'jira', seconds: 9 * 3600 },
      { provider: 'local', seconds: 1800 },
    ]);
    expect(monthReportSchema.parse(await clockhandJson(args('report', '--month', monthText)))).toEqual(month);
    const human = await clockhand(args('report', 'day', wednesday));
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Working hours 09:00-17:00');
    expect(human.stdout).toMatch(/10:00-10:30\s+30m 00s\s+tracked\s+local:admin/);
    for (const bad of [
      ['report', 'year'],
      ['report', 'month', '2026-13-01x'],
      ['report', 'day', '--week', wednesday],
    ]) {
      expect((await clockhand(args(...bad))).code).toBe(2);
    }
  });

  it('export --format archive of 55,000 entries: the agent keeps answering and reports progress while it writes', async () => {
    const socket = controlSocketPath(dir);
    const zip = join(out, 'everything.zip');
    const exporting = callAgent(socket, 'data.export', { format: 'archive', out: zip }, 600_000);
    let sawProgress = false;
    let statusAnswers = 0;
    for (let i = 0; i < 400; i += 1) {
      const progress = await callAgent(socket, 'data.exportProgress', {}, 10_000);
      if (!progress.ok) throw new Error(progress.error.message);
      const view = exportProgressSchema.parse(progress.value);
      if (view.running && view.done > 0 && view.done < view.total) {
        sawProgress = true;
        expect(view).toMatchObject({ format: 'archive', total: 2 * (SEEDED + 2) });
        // Another request is served in the middle of the export: it runs in pages, not in one block.
        const status = await callAgent(socket, 'status', {}, 10_000);
        if (status.ok) statusDtoSchema.parse(status.value);
        statusAnswers += 1;
        break;
      }
      if (!view.running && i > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const answer = await exporting;
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ path: zip, entries: SEEDED + 2, screenshots: 0 });
    expect(sawProgress).toBe(true);
    expect(statusAnswers).toBe(1);
    const done = await callAgent(socket, 'data.exportProgress', {}, 10_000);
    expect(done.ok && exportProgressSchema.parse(done.value).running).toBe(false);
    const members = await readZip(zip);
    const manifest = archiveManifestSchema.parse(JSON.parse(members.get('manifest.json')?.toString('utf8') ?? ''));
    expect(manifest.counts).toMatchObject({ entries: SEEDED + 2, screenshots: 0 });
    const json = exportFileSchema.parse(JSON.parse(members.get('entries.json')?.toString('utf8') ?? ''));
    expect(json.entries).toHaveLength(SEEDED + 2);
    expect(json.entries.at(-1)).toMatchObject({ taskRef: 'local:admin', durationSeconds: 1800 });
    const csvLines = (members.get('entries.csv')?.toString('utf8') ?? '').split('\r\n').filter((line) => line !== '');
    expect(csvLines).toHaveLength(SEEDED + 3);
    // The CLI gives the same archive contents, and its --json output keeps the export contract.
    const viaCli = (await clockhandJson(
      args(
        'export',
        '--format',
        'archive',
        '--out',
        join(out, 'cli.zip'),
        '--from',
        recentTuesday().tuesday,
        '--to',
        recentTuesday().wednesday,
      ),
    )) as Record<string, unknown>;
    expect(viaCli).toEqual({ path: join(out, 'cli.zip'), entries: 2, bytes: readFileSync(join(out, 'cli.zip')).length, screenshots: 0 });
    expect((await clockhand(args('export', '--format', 'zip', '--out', join(out, 'x.zip')))).code).toBe(2);
  });

  it('on a terminal the CLI shows the export progress on stderr, then the result', async () => {
    // util-linux `script` gives the CLI a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, clockhandBin, '--data-dir', dir, 'export', '--format', 'archive', '--out', join(out, 'tty.zip')]
      .map((word) => `'${word}'`)
      .join(' ');
    const { stdout } = await run('script', ['-qec', command, '/dev/null']);
    expect(stdout).toMatch(/Exporting entries\.(json|csv): [\d,]+ \/ 110,004 \(\d+%\)/);
    expect(stdout).toContain(`Exported ${String(SEEDED + 2)} entries and 0 screenshots`);
  });
});
