import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import type { Ask } from './cli-policy';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Years of entries take seconds; the default 15 s answer time is for quick operations. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

/** `clockhand export --format csv|json --out PATH [--from --to]`. */
export function addDataCommands(program: Command, json: Option, ask: Ask, usage: (message: string) => Error): void {
  program
    .command('export')
    .description('write your time entries to a CSV or JSON file (docs/export.md)')
    .requiredOption('--format <format>', 'csv | json (archive: not available yet)')
    .requiredOption('--out <path>', 'the file to write (not inside the data directory)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: everything)')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .addOption(json)
    .action(async (o: { format: string; out: string; from?: string; to?: string; json?: boolean }) => {
      if (o.format === 'archive') throw usage('--format archive is not available yet: use csv or json');
      if (o.format !== 'csv' && o.format !== 'json') throw usage(`--format is csv or json, not "${o.format.slice(0, 40)}"`);
      for (const [flag, value] of [
        ['--from', o.from],
        ['--to', o.to],
      ] as const) {
        if (value !== undefined && !DAY.test(value)) throw usage(`${flag} is YYYY-MM-DD`);
      }
      const params = {
        format: o.format,
        out: resolve(o.out),
        ...(o.from !== undefined && { from: o.from }),
        ...(o.to !== undefined && { to: o.to }),
      };
      await ask(
        'data.export',
        params,
        o.json,
        (r) => `Exported ${String(r.entries)} entries (${String(r.bytes)} bytes) to ${r.path}`,
        EXPORT_TIMEOUT_MS,
      );
    });
}
