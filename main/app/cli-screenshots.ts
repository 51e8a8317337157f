import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import type { ScreenshotDto, ScreenshotStatusDto } from '../../common/dto';
import type { Ask } from './cli-policy';

const SCREENSHOT_ID = /^[A-Za-z0-9-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function formatScreenshotStatus(s: ScreenshotStatusDto): string {
  const who = s.lockedBy === null ? '' : ` (set by your organization: ${s.lockedBy} policy)`;
  if (!s.enabled) return `Screenshots: off${who}`;
  const state = s.active ? 'active' : `NOT capturing: ${s.problem ?? 'waiting'}`;
  const blur = s.blur ? ', blurred' : '';
  return `Screenshots: on, every ${String(s.intervalMinutes)} min${blur}${who}; ${state}`;
}

function formatScreenshot(s: ScreenshotDto): string {
  const flag = s.state === 'tampered' ? '  TAMPERED (never shown)' : '';
  const task = s.taskRef ?? '-';
  return `${s.id}  ${s.capturedAt.slice(0, 19).replace('T', ' ')}  ${s.display}  ${String(s.width)}x${String(s.height)}  ${task}${flag}`;
}

/** `clockhand screenshots enable|disable|list|export|delete`. */
export function addScreenshotCommands(program: Command, json: Option, ask: Ask, usage: (message: string) => Error): void {
  const screenshots = program.command('screenshots').description('encrypted screenshots: opt in or out, list, export, delete');
  const id = (text: string): string => {
    if (!SCREENSHOT_ID.test(text)) throw usage(`"${text.slice(0, 80)}" is not a screenshot id (see clockhand screenshots list)`);
    return text;
  };
  screenshots
    .command('enable')
    .description('take a screenshot at a random moment in each interval while a timer runs and you are active')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('screenshots.enable', {}, o.json, formatScreenshotStatus);
    });
  screenshots
    .command('disable')
    .description('stop taking screenshots (refused when your organization requires them)')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('screenshots.disable', {}, o.json, formatScreenshotStatus);
    });
  screenshots
    .command('list')
    .description('screenshots of a day (default: today)')
    .option('--day <date>', 'YYYY-MM-DD')
    .addOption(json)
    .action(async (o: { day?: string; json?: boolean }) => {
      if (o.day !== undefined && !DAY.test(o.day)) throw usage('--day is YYYY-MM-DD');
      await ask('screenshots.list', o.day === undefined ? {} : { day: o.day }, o.json, (list) =>
        list.length === 0 ? 'No screenshots.' : list.map(formatScreenshot).join('\n'),
      );
    });
  screenshots
    .command('export <id>')
    .description('decrypt one screenshot to a PNG file')
    .requiredOption('--out <file.png>', 'where to write the PNG (not inside the data directory)')
    .addOption(json)
    .action(async (text: string, o: { out: string; json?: boolean }) => {
      if (!o.out.toLowerCase().endsWith('.png')) throw usage('--out must name a .png file');
      await ask(
        'screenshot.export',
        { id: id(text), out: resolve(o.out) },
        o.json,
        (r) => `Exported ${r.id} (${String(r.width)}x${String(r.height)}) to ${r.out}`,
      );
    });
  screenshots
    .command('delete <id>')
    .description('delete one screenshot (its tracked time stays)')
    .addOption(json)
    .action(async (text: string, o: { json?: boolean }) => {
      await ask('screenshot.delete', { id: id(text) }, o.json, (r) => `Deleted screenshot ${r.deleted}; tracked time is unchanged.`);
    });
}
