import type { Command, Option } from 'commander';
import type { StandupDestinationDto, StandupDto } from '../../common/dto';
import type { Ask } from './cli-policy';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function stateLine(s: StandupDto): string {
  const where = s.destination === null ? '' : ` to ${s.destination}`;
  switch (s.state) {
    case 'draft':
      return `Draft (not posted). Post it with: clockhand standup post --day ${s.day}`;
    case 'pending':
    case 'in_flight':
      return `Posting${where}${s.attempts > 0 ? ` (attempt ${String(s.attempts)}${s.lastError === null ? '' : `, last error: ${s.lastError}`})` : ''}`;
    case 'posted':
      return `Posted${where} at ${(s.postedAt ?? '').slice(0, 16).replace('T', ' ')}`;
    case 'needs_attention':
      return `Not posted${where}: ${s.lastError ?? 'needs attention'}`;
    case 'needs_reauth':
      return `Waiting for sign-in${where}: ${s.lastError ?? 'sign in again'}`;
  }
}

export function formatStandup(s: StandupDto): string {
  return `${s.text}\n\n${stateLine(s)}`;
}

function formatHistory(list: StandupDto[]): string {
  if (list.length === 0) return 'No standups posted yet.';
  return list
    .map((s) => {
      const edits = s.revision > 1 && s.postedRevision > 0 ? `  revision ${String(s.postedRevision)}` : '';
      return `${s.day}  ${s.state.padEnd(15)} ${s.destination ?? '-'}${edits}${s.lastError === null || s.state === 'posted' ? '' : `\n      ${s.lastError}`}`;
    })
    .join('\n');
}

function formatDestination(d: StandupDestinationDto): string {
  const provider = d.provider === null ? 'Not set' : d.provider === 'slack' ? 'Slack' : 'Microsoft Teams';
  const head = `${provider}${d.where === null ? '' : ` · ${d.where}`}${d.managed ? ' (managed by your organization)' : ''}`;
  if (d.problem === null) return `${head}\nReady to post.`;
  const managed = d.problem.managed ? ' Managed by your organization.' : '';
  const lead = d.problem.blocking ? 'Cannot post' : 'A post waits';
  return `${head}\n${lead}: ${d.problem.text}${managed}${d.problem.detail === null ? '' : `\n${d.problem.detail}`}`;
}

/** `clockhand standup preview|edit|post|history|destination`. */
export function addStandupCommands(
  program: Command,
  json: Option,
  ask: Ask,
  toLimit: (text: string) => number,
  usage: (message: string) => Error,
): void {
  const day = (text: string | undefined): { day?: string } => {
    if (text === undefined) return {};
    if (!DAY.test(text)) throw usage(`"${text.slice(0, 40)}" is not a day in the form YYYY-MM-DD`);
    return { day: text };
  };
  const standup = program
    .command('standup')
    .description('your daily standup, written from the tracked day: preview, edit, post, history, destination');
  standup
    .command('preview')
    .description("the standup (default today's): Yesterday from your worklogs, Today from your tasks in progress, Blockers")
    .option('--day <YYYY-MM-DD>', 'another day')
    .addOption(json)
    .action(async (o: { day?: string; json?: boolean }) => {
      await ask('standup.preview', day(o.day), o.json, formatStandup);
    });
  standup
    .command('edit')
    .description('replace a section with your own words ("" goes back to the composed one); a posted Slack standup is updated')
    .option('--day <YYYY-MM-DD>', 'another day')
    .option('--yesterday <text>', 'what you did')
    .option('--today <text>', 'what you will do')
    .option('--blockers <text>', 'what is in your way ("" for none)')
    .addOption(json)
    .action(async (o: { day?: string; yesterday?: string; today?: string; blockers?: string; json?: boolean }) => {
      if (o.yesterday === undefined && o.today === undefined && o.blockers === undefined)
        throw usage('nothing to change: give --yesterday, --today or --blockers');
      const params = {
        ...day(o.day),
        ...(o.yesterday !== undefined && { yesterday: o.yesterday }),
        ...(o.today !== undefined && { today: o.today }),
        ...(o.blockers !== undefined && { blockers: o.blockers }),
      };
      await ask('standup.edit', params, o.json, formatStandup);
    });
  standup
    .command('post')
    .description('post the standup to the channel in your settings (standup.destination, standup.slackChannel, ...)')
    .option('--day <YYYY-MM-DD>', 'another day')
    .addOption(json)
    .action(async (o: { day?: string; json?: boolean }) => {
      await ask('standup.post', day(o.day), o.json, formatStandup);
    });
  standup
    .command('destination')
    .description('where standups go (standup.destination, ...) and, when a post cannot go out, why and how to fix it')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('standup.destination', {}, o.json, formatDestination);
    });
  standup
    .command('history')
    .description('the standups posted (or being posted), newest first')
    .option('--limit <n>', 'at most this many (default 30)')
    .addOption(json)
    .action(async (o: { limit?: string; json?: boolean }) => {
      await ask('standup.history', o.limit === undefined ? {} : { limit: toLimit(o.limit) }, o.json, formatHistory);
    });
}
