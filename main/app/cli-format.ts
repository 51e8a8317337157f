import { formatScreenshotStatus } from './cli-screenshots';
import { formatConsentStatus } from './cli-consent';
import type { EntryDto, IdleSpanDto, StatusDto } from '../../common/dto';

/** Human-readable renderings for the CLI. `--json` prints the DTOs instead. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

function clock(iso: string): string {
  return iso.slice(11, 16);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function formatEntry(entry: EntryDto): string {
  const end = entry.endedAt === null ? 'now  ' : clock(entry.endedAt);
  const note = entry.note === null ? '' : `  "${entry.note}"`;
  const running = entry.running ? '  (running)' : '';
  const sync = (entry.sync ?? [])
    .map((s) => `  [${s.operation === 'delete' ? `removing from ${s.target}` : s.target}: ${s.state}]`)
    .join('');
  return `#${entry.id}  ${day(entry.startedAt)} ${clock(entry.startedAt)}-${end}  ${formatDuration(entry.durationSeconds).padStart(8)}  ${entry.taskRef}${note}${running}${sync}`;
}

export function formatEntries(entries: readonly EntryDto[]): string {
  if (entries.length === 0) return 'No entries.';
  const total = entries.reduce((sum, entry) => sum + entry.durationSeconds, 0);
  return [...entries.map(formatEntry), `Total: ${formatDuration(total)}`].join('\n');
}

export function formatIdleSpan(span: IdleSpanDto): string {
  const decide = span.decideBy === null ? '' : `, default applies at ${clock(span.decideBy)}`;
  return `#${span.id}  ${day(span.startedAt)} ${clock(span.startedAt)}-${clock(span.endedAt)}  ${formatDuration(span.durationSeconds)}  ${span.reason}  ${span.state}${decide}`;
}

export function formatStatus(status: StatusDto): string {
  const lines: string[] = [];
  if (status.consent) lines.push(formatConsentStatus(status.consent).replace(/^Consent: /, 'Consent:   '));
  const { timer } = status;
  if (timer.running && timer.taskRef !== null && timer.startedAt !== null) {
    const note = timer.note === null ? '' : `  "${timer.note}"`;
    lines.push(`Timer:     running on ${timer.taskRef} since ${clock(timer.startedAt)} (${formatDuration(timer.elapsedSeconds)})${note}`);
  } else {
    lines.push('Timer:     stopped');
  }
  lines.push(`Today:     ${formatDuration(status.todaySeconds)} tracked, ${formatDuration(status.activity.activeSecondsToday)} active`);
  const degraded = status.activity.degradedReason === null ? '' : `  (${status.activity.degradedReason})`;
  lines.push(`Activity:  source ${status.activity.source}${degraded}`);
  if (status.idle.idle && status.idle.since !== null) lines.push(`Idle:      since ${clock(status.idle.since)}`);
  if (status.idle.pending) {
    lines.push(`Decide:    ${status.idle.pendingCount} idle span(s) to decide; oldest ${formatIdleSpan(status.idle.pending)}`);
    lines.push(`           clockhand idle resolve keep | discard | reassign <task-ref>`);
  }
  if (status.recovered) {
    const how = status.recovered.resumed ? 'resumed after a restart' : `closed at ${clock(status.recovered.endedAt)} after a restart`;
    lines.push(`Recovered: entry #${status.recovered.entryId} (${status.recovered.taskRef}) ${how}`);
  }
  if (status.policy.problem !== null) lines.push(`Policy:    PROBLEM: ${status.policy.problem}`);
  else if (status.policy.lockedSettings > 0)
    lines.push(`Policy:    ${status.policy.lockedSettings} setting(s) set by your organization (clockhand policy)`);
  if (status.screenshots) lines.push(formatScreenshotStatus(status.screenshots).replace(/^Screenshots: /, 'Screens:   '));
  lines.push(`Agent:     ${status.agent.face} pid ${status.agent.pid}, data ${status.agent.dataDir}`);
  return lines.join('\n');
}
