import type { DayReport, MonthReport, WeekReport } from '../../common/dto';
import { formatDuration } from './cli-format';

/** Human-readable reports for the CLI. `--json` prints the DTOs instead. */
function clock(iso: string): string {
  return iso.slice(11, 16);
}

type Totals = Pick<WeekReport, 'byTask' | 'byProject' | 'byProvider'>;

function breakdown(report: Totals): string[] {
  const lines = ['By task:'];
  for (const task of report.byTask) lines.push(`  ${formatDuration(task.seconds).padStart(8)}  ${task.taskRef}`);
  lines.push('By project:');
  for (const p of report.byProject) {
    const named = p.name === null || p.name === p.project ? p.project : `${p.name} (${p.project})`;
    lines.push(`  ${formatDuration(p.seconds).padStart(8)}  ${p.provider}  ${named}`);
  }
  lines.push(`By provider: ${report.byProvider.map((p) => `${p.provider} ${formatDuration(p.seconds)}`).join(', ') || 'nothing tracked'}`);
  return lines;
}

function percent(value: number | null): string {
  return value === null ? '   n/a' : `${value.toFixed(1).padStart(5)}%`;
}

export function formatDayReport(report: DayReport): string {
  const lines = [`Day ${report.day}: ${formatDuration(report.totalSeconds)} tracked`, ...breakdown(report)];
  lines.push(
    `Activity: ${formatDuration(report.activity.activeSeconds)} active; ${percent(report.activity.percentOfTracked).trim()} of tracked time`,
  );
  const busy = report.activity.slots.filter((slot) => slot.activeSeconds > 0);
  if (busy.length > 0) {
    lines.push('Active 10-minute slots:');
    for (const slot of busy) lines.push(`  ${clock(slot.start)}  ${String(slot.percent).padStart(5)}%`);
  }
  const { ledger } = report;
  if (ledger.workingFrom === null || ledger.workingTo === null) {
    lines.push('Working hours: a day off');
  } else {
    lines.push(`Working hours ${clock(ledger.workingFrom)}-${clock(ledger.workingTo)}:`);
    for (const s of ledger.segments) {
      lines.push(
        `  ${clock(s.start)}-${clock(s.end)}  ${formatDuration(s.seconds).padStart(8)}  ${s.kind.replace('_', ' ')}${s.taskRef === null ? '' : `  ${s.taskRef}`}`,
      );
    }
    const t = ledger.totals;
    lines.push(
      `  tracked ${formatDuration(t.trackedSeconds)}, idle kept ${formatDuration(t.idleKeptSeconds)}, ` +
        (t.idlePendingSeconds > 0 ? `idle to decide ${formatDuration(t.idlePendingSeconds)}, ` : '') +
        `idle discarded ${formatDuration(t.idleDiscardedSeconds)}, untracked ${formatDuration(t.untrackedSeconds)}`,
    );
  }
  if (ledger.totals.trackedOutsideSeconds > 0)
    lines.push(`Outside working hours: ${formatDuration(ledger.totals.trackedOutsideSeconds)} tracked`);
  return lines.join('\n');
}

function periodLines(days: WeekReport['days']): string[] {
  return days.map(
    (d) =>
      `  ${d.day}  ${formatDuration(d.totalSeconds).padStart(8)} tracked  ${formatDuration(d.activeSeconds).padStart(8)} active  ${percent(d.percentOfTracked)}`,
  );
}

export function formatWeekReport(report: WeekReport): string {
  return [`Week of ${report.week}: ${formatDuration(report.totalSeconds)} tracked`, ...periodLines(report.days), ...breakdown(report)].join(
    '\n',
  );
}

export function formatMonthReport(report: MonthReport): string {
  const worked = report.days.filter((d) => d.totalSeconds > 0 || d.activeSeconds > 0);
  return [`Month ${report.month}: ${formatDuration(report.totalSeconds)} tracked`, ...periodLines(worked), ...breakdown(report)].join('\n');
}
