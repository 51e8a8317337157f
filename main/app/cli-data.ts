import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import type { Ask } from './cli-policy';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Years of entries take seconds, an archive with 90 days of screenshots (each decrypted in the vault's worker)
 * minutes; the default 15 s answer time is for quick operations.
 */
const EXPORT_TIMEOUT_MS = 60 * 60_000;

/**
 * `clockhand export --format csv|json|archive --out PATH [--from --to]`. On a terminal, progress goes to stderr
 * while the agent writes (`watch` starts it and returns the function that stops it); --json output is unchanged.
 */
export function addDataCommands(
  program: Command,
  json: Option,
  ask: Ask,
  usage: (message: string) => Error,
  watch: () => (() => void) | null,
): void {
  program
    .command('export')
    .description('write your time entries to a CSV or JSON file, or everything to a zip archive (docs/export.md)')
    .requiredOption('--format <format>', 'csv | json | archive')
    .requiredOption('--out <path>', 'the file to write (not inside the data directory)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: everything)')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .addOption(json)
    .action(async (o: { format: string; out: string; from?: string; to?: string; json?: boolean }) => {
      if (o.format !== 'csv' && o.format !== 'json' && o.format !== 'archive') {
        throw usage(`--format is csv, json or archive, not "${o.format.slice(0, 40)}"`);
      }
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
      const stop = o.json === true ? null : watch();
      try {
        await ask('data.export', params, o.json, describe, EXPORT_TIMEOUT_MS);
      } finally {
        stop?.();
      }
    });
}

function describe(r: { path: string; entries: number; bytes: number; screenshots?: number | undefined }): string {
  const shots = r.screenshots === undefined ? '' : ` and ${String(r.screenshots)} screenshots`;
  return `Exported ${String(r.entries)} entries${shots} (${String(r.bytes)} bytes) to ${r.path}`;
}
