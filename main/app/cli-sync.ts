import type { Command, Option } from 'commander';
import type { AssignedTasksView, SyncItemDto, SyncView } from '../../common/dto';
import type { Ask } from './cli-policy';

const STATES = ['pending', 'in_flight', 'done', 'needs_attention', 'needs_reauth'] as const;

export function formatSyncItem(item: SyncItemDto): string {
  const when = item.nextAttemptAt === null ? '' : `  next ${item.nextAttemptAt.slice(0, 16).replace('T', ' ')}`;
  const remote = item.remoteId === null ? '' : `  worklog ${item.remoteId}`;
  const error = item.lastError === null || item.state === 'done' ? '' : `\n      ${item.lastError}`;
  return (
    `#${String(item.id)}  entry #${String(item.entryId)}  ${item.provider} ${item.target}  ${item.state === 'done' ? (item.operation === 'delete' ? 'deleted' : 'posted') : item.operation} ${String(item.minutes)}m ` +
    `(${item.startedAt.slice(0, 16).replace('T', ' ')})  ${item.state}  attempts ${String(item.attempts)}${when}${remote}${error}`
  );
}

export function formatCounts(counts: SyncView['counts']): string {
  return STATES.map((state) => `${state} ${String(counts[state])}`).join(', ');
}

function formatSyncView(view: SyncView): string {
  const problems = view.problems.map((p) => `! ${p}`);
  if (view.items.length === 0) return [...problems, `Nothing to sync. (${formatCounts(view.counts)})`].join('\n');
  return [...problems, ...view.items.map(formatSyncItem), `Totals: ${formatCounts(view.counts)}`].join('\n');
}

function age(seconds: number): string {
  if (seconds < 90) return `${String(seconds)} s`;
  if (seconds < 5400) return `${String(Math.round(seconds / 60))} min`;
  return `${String(Math.round(seconds / 3600))} h`;
}

export function formatAssignedTasks(view: AssignedTasksView): string {
  const lines = view.tasks.map((t) => `${t.taskRef.padEnd(16)} ${t.title}${t.status === null ? '' : `  [${t.status}]`}`);
  if (view.tasks.length === 0)
    lines.push(view.sources.length === 0 ? 'No tasks: connect Jira first (clockhand connect jira ...).' : 'No open tasks assigned to you.');
  for (const source of view.sources) {
    const when = source.ageSeconds === null ? 'never fetched' : `fetched ${age(source.ageSeconds)} ago`;
    lines.push(
      `Connection #${String(source.connectionId)}: ${when}${source.error === null ? '' : `; last refresh failed: ${source.error}`}`,
    );
  }
  return lines.join('\n');
}

/** `clockhand sync [--state S] [--limit N]`, `sync retry <id>`, `sync drop <id>`, `sync now`. */
export function addSyncCommands(
  program: Command,
  json: Option,
  ask: Ask,
  toId: (text: string) => number,
  usage: (message: string) => Error,
): void {
  const sync = program
    .command('sync')
    .description('the worklogs waiting for, or sent to, Jira: state, attempts, last error, remote id')
    .option('--state <states>', `only these states, comma-separated (${STATES.join(', ')})`)
    .option('--limit <n>', 'at most this many rows, newest first (default 100)')
    .addOption(json)
    .action(async (o: { state?: string; limit?: string; json?: boolean }) => {
      const states = o.state?.split(',').map((s) => s.trim());
      const unknown = states?.find((s) => !(STATES as readonly string[]).includes(s));
      if (unknown !== undefined) throw usage(`unknown state "${unknown}": use ${STATES.join(', ')}`);
      const limit = o.limit === undefined ? undefined : toId(o.limit);
      if (limit !== undefined && limit > 10_000) throw usage('--limit is at most 10000');
      await ask('sync.list', { ...(states && { states }), ...(limit !== undefined && { limit }) }, o.json, formatSyncView);
    });
  sync
    .command('retry <id>')
    .description('try a held item again now (needs_attention, needs_reauth, or waiting for backoff)')
    .addOption(json)
    .action(async (id: string, o: { json?: boolean }) => {
      await ask('sync.retry', { id: toId(id) }, o.json, (item) => `Retrying ${formatSyncItem(item)}`);
    });
  sync
    .command('drop <id>')
    .description('give up on an item: it is never sent (the entry itself stays)')
    .addOption(json)
    .action(async (id: string, o: { json?: boolean }) => {
      await ask('sync.drop', { id: toId(id) }, o.json, (r) => `Dropped sync item #${String(r.dropped)}; the entry is kept.`);
    });
  program
    .command('tasks')
    .description('tasks assigned to you in Jira (cached; shown with their age when offline)')
    .option('--refresh', 'fetch them now instead of showing the cache')
    .addOption(json)
    .action(async (o: { refresh?: boolean; json?: boolean }) => {
      await ask('tasks.list', { refresh: o.refresh === true }, o.json, formatAssignedTasks);
    });
  sync
    .command('now')
    .description('send everything that is due now, without waiting for backoff; with --day, release one reviewed day')
    .option('--day <YYYY-MM-DD>', 'only the worklogs of this day (sync.postMode review: the day you have reviewed)')
    .addOption(json)
    .action(async (o: { day?: string; json?: boolean }) => {
      await ask('sync.now', o.day === undefined ? {} : { day: o.day }, o.json, (counts) => `Syncing. ${formatCounts(counts)}`);
    });
}
