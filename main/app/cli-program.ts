import { dirname, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json';
import { resolveDataDir } from '../adapters/node/data-dir';
import { runAgent } from './agent';
import { formatEntries, formatEntry, formatIdleSpan, formatStatus } from './cli-format';
import { formatDayReport, formatMonthReport, formatWeekReport } from './cli-report-format';
import { reportRequest } from './cli-report';
import { addConnectionCommands } from './cli-connections';
import { addSyncCommands } from './cli-sync';
import { createSignIn } from './cli-sign-in';
import { addPolicyCommands } from './cli-policy';
import { addScreenshotCommands } from './cli-screenshots';
import { addDataCommands } from './cli-data';
import { watchExportProgress } from './cli-export-progress';
import { controlSocketPath } from '../adapters/node/data-dir';
import { addEraseCommand } from './cli-erase';
import { addStandupCommands } from './cli-standup';
import { addConsentCommand } from './cli-consent';
import { addBackupCommands } from './cli-backup';
import { addDiagnosticsCommand } from './cli-diagnostics';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, requestAndPrint, type Output } from './cli-request';

const stdio: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

class UsageError extends Error {}

function positiveInt(text: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) throw new UsageError(`"${text}" is not an id (a positive whole number)`);
  return Number(text);
}

/** The CLI. Returns the exit code: 0 ok, 1 refused or failed, 2 usage, 3 no agent running. */
export async function runCli(argv: readonly string[], hookScript: string, io: Output = stdio): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('clockhand')
    .description('Clockhand time tracker: headless agent and command line')
    .version(packageJson.version)
    .option('--data-dir <dir>', 'data directory (default: $CLOCKHAND_DATA_DIR or the app data directory)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        io.out(text.trimEnd());
      },
      writeErr: (text) => {
        io.err(text.trimEnd());
      },
    });
  const dataDir = (): string => resolveDataDir(program.opts<{ dataDir?: string }>().dataDir);
  const json = new Option('--json', 'print machine-readable JSON');
  const ask = async <K extends Parameters<typeof requestAndPrint>[2]>(
    name: K,
    params: unknown,
    asJson: boolean | undefined,
    render: Parameters<typeof requestAndPrint<K>>[5],
    timeoutMs?: number,
  ): Promise<void> => {
    exitCode = await requestAndPrint(io, dataDir(), name, params, asJson === true, render, timeoutMs);
  };

  program
    .command('run')
    .description('run the headless agent in the foreground (tracking core + control socket)')
    .option('--log-level <level>', 'debug | info | warn | error', 'info')
    .action(async (options: { logLevel: string }) => {
      try {
        await runAgent({
          dataDir: dataDir(),
          version: packageJson.version,
          hookScript,
          // Built next to the hook child script in out/main/.
          screenshotWorker: join(dirname(hookScript), 'screenshot-worker.js'),
          logLevel: options.logLevel,
        });
      } catch (error) {
        io.err(`clockhand: ${error instanceof Error ? error.message : String(error)}`);
        exitCode = EXIT_FAILED;
      }
    });

  program
    .command('status')
    .description('timer, today, activity source, pending idle decisions')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('status', {}, o.json, formatStatus);
    });

  program
    .command('start <task-ref>')
    .description('start (or switch) the timer: jira:KEY-123, asana:<gid>, local:<name>')
    .option('--note <text>', 'a note for the entry')
    .addOption(json)
    .action(async (taskRef: string, o: { note?: string; json?: boolean }) => {
      await ask('timer.start', { taskRef, ...(o.note !== undefined && { note: o.note }) }, o.json, (e) => `Started ${formatEntry(e)}`);
    });

  program
    .command('stop')
    .description('stop the timer')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('timer.stop', {}, o.json, (e) => `Stopped ${formatEntry(e)}`);
    });

  program
    .command('entries')
    .description('list entries (default: today)')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .addOption(json)
    .action(async (o: { from?: string; to?: string; json?: boolean }) => {
      await ask(
        'entries.list',
        { ...(o.from !== undefined && { from: o.from }), ...(o.to !== undefined && { to: o.to }) },
        o.json,
        formatEntries,
      );
    });

  const entry = program.command('entry').description('add, edit, split or delete entries');
  entry
    .command('add <task-ref>')
    .description('add a finished entry')
    .requiredOption('--start <iso>', 'start, ISO-8601 (local time unless an offset is given)')
    .requiredOption('--end <iso>', 'end, ISO-8601')
    .option('--note <text>', 'note')
    .addOption(json)
    .action(async (taskRef: string, o: { start: string; end: string; note?: string; json?: boolean }) => {
      await ask(
        'entry.add',
        { taskRef, start: o.start, end: o.end, ...(o.note !== undefined && { note: o.note }) },
        o.json,
        (e) => `Added ${formatEntry(e)}`,
      );
    });
  entry
    .command('edit <id>')
    .description('change an entry')
    .option('--task <task-ref>', 'new task')
    .option('--start <iso>', 'new start')
    .option('--end <iso>', 'new end')
    .option('--note <text>', 'new note ("" clears it)')
    .addOption(json)
    .action(async (id: string, o: { task?: string; start?: string; end?: string; note?: string; json?: boolean }) => {
      const params = {
        id: positiveInt(id),
        ...(o.task !== undefined && { taskRef: o.task }),
        ...(o.start !== undefined && { start: o.start }),
        ...(o.end !== undefined && { end: o.end }),
        ...(o.note !== undefined && { note: o.note === '' ? null : o.note }),
      };
      await ask('entry.edit', params, o.json, (e) => `Updated ${formatEntry(e)}`);
    });
  entry
    .command('split <id>')
    .description('split an entry in two')
    .requiredOption('--at <iso>', 'where to split')
    .addOption(json)
    .action(async (id: string, o: { at: string; json?: boolean }) => {
      await ask('entry.split', { id: positiveInt(id), at: o.at }, o.json, ([a, b]) => `Split into\n${formatEntry(a)}\n${formatEntry(b)}`);
    });
  entry
    .command('delete <id>')
    .description('delete an entry')
    .addOption(json)
    .action(async (id: string, o: { json?: boolean }) => {
      await ask('entry.delete', { id: positiveInt(id) }, o.json, (r) => `Deleted entry #${r.deleted}`);
    });

  const idle = program.command('idle').description('decide what happens to idle time');
  idle
    .command('list')
    .description('idle spans waiting for a decision; with --from/--to, every idle span of those days')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .addOption(json)
    .action(async (o: { from?: string; to?: string; json?: boolean }) => {
      const ranged = o.from !== undefined || o.to !== undefined;
      const params = { ...(o.from !== undefined && { from: o.from }), ...(o.to !== undefined && { to: o.to }) };
      const empty = ranged ? 'No idle time in that range.' : 'Nothing to decide.';
      await ask('idle.list', params, o.json, (spans) => (spans.length === 0 ? empty : spans.map(formatIdleSpan).join('\n')));
    });
  idle
    .command('resolve <action> [task-ref]')
    .description('keep | discard | reassign <task-ref> the oldest pending idle span')
    .option('--id <id>', 'a specific idle span instead of the oldest')
    .addOption(json)
    .action(async (action: string, taskRef: string | undefined, o: { id?: string; json?: boolean }) => {
      if (action !== 'keep' && action !== 'discard' && action !== 'reassign')
        throw new UsageError(`"${action}" is not keep, discard or reassign`);
      if (action === 'reassign' && taskRef === undefined)
        throw new UsageError('reassign needs a task: clockhand idle resolve reassign <task-ref>');
      const params = { action, ...(taskRef !== undefined && { taskRef }), ...(o.id !== undefined && { id: positiveInt(o.id) }) };
      await ask('idle.resolve', params, o.json, (span) => `Idle span ${formatIdleSpan(span)}`);
    });

  addConnectionCommands(
    program,
    json,
    ask,
    positiveInt,
    (message) => new UsageError(message),
    createSignIn(io, dataDir, (code) => {
      exitCode = code;
    }),
  );
  addSyncCommands(program, json, ask, positiveInt, (message) => new UsageError(message));
  addPolicyCommands(program, json, ask, (text) => {
    const limit = positiveInt(text);
    if (limit > 1000) throw new UsageError('--limit is at most 1000');
    return limit;
  });

  addConsentCommand(program, json, ask);
  addDiagnosticsCommand(
    program,
    io,
    dataDir,
    packageJson.version,
    (message) => new UsageError(message),
    (code) => {
      exitCode = code;
    },
  );
  addBackupCommands(
    program,
    json,
    ask,
    io,
    dataDir,
    (message) => new UsageError(message),
    (code) => {
      exitCode = code;
    },
  );
  addScreenshotCommands(program, json, ask, (message) => new UsageError(message));
  addStandupCommands(
    program,
    json,
    ask,
    (text) => {
      const limit = positiveInt(text);
      if (limit > 1000) throw new UsageError('--limit is at most 1000');
      return limit;
    },
    (message) => new UsageError(message),
  );
  addDataCommands(
    program,
    json,
    ask,
    (message) => new UsageError(message),
    () => (process.stderr.isTTY ? watchExportProgress(controlSocketPath(dataDir()), process.stderr) : null),
  );
  addEraseCommand(
    program,
    io,
    dataDir,
    (message) => new UsageError(message),
    (code) => {
      exitCode = code;
    },
  );

  program
    .command('report [period] [date]')
    .description('totals, activity and the working-day ledger: report day|week|month [date] (default: today)')
    .option('--day <date>', 'YYYY-MM-DD')
    .option('--week <date>', 'any day of the week, YYYY-MM-DD')
    .option('--month <month>', 'YYYY-MM')
    .addOption(json)
    .action(
      async (period: string | undefined, date: string | undefined, o: { day?: string; week?: string; month?: string; json?: boolean }) => {
        const request = reportRequest(period, date, o, todayText());
        if (typeof request === 'string') throw new UsageError(request);
        switch (request.period) {
          case 'day':
            await ask('report.day', { day: request.date }, o.json, formatDayReport);
            break;
          case 'week':
            await ask('report.week', { day: request.date }, o.json, formatWeekReport);
            break;
          case 'month':
            await ask('report.month', { month: request.date }, o.json, formatMonthReport);
            break;
        }
      },
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT_OK
        : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.err(`clockhand: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`clockhand: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  return exitCode;
}

function todayText(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
