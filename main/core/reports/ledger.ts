import type { Ledger } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { IdleSpanRecord, TimeEntryRecord } from '../ports/repositories';
import { sumClippedMs } from './report-math';

type Kind = Ledger['segments'][number]['kind'];

interface Segment {
  start: number;
  end: number;
  kind: Kind;
  taskRef: string | null;
}

/**
 * The gap-free ledger of a working window: every instant of [start, end) is tracked (on a task), idle kept
 * (idle time left on its task), idle pending (still on its entry, waiting for the user's decision), idle discarded
 * (removed from its entry) or untracked.
 */
export function ledgerOf(
  window: { start: number; end: number } | null,
  day: { start: number; end: number },
  entries: readonly TimeEntryRecord[],
  spans: readonly IdleSpanRecord[],
  now: number,
): Ledger {
  const trackedInDayMs = sumClippedMs(entries, day.start, day.end, now);
  if (window === null) {
    return {
      workingFrom: null,
      workingTo: null,
      segments: [],
      totals: { ...zeroTotals(), trackedOutsideSeconds: seconds(trackedInDayMs) },
    };
  }
  const marked = spans.filter((span) => span.state === 'kept' || span.state === 'discarded' || span.state === 'pending');
  const cuts = new Set<number>([window.start, window.end]);
  const inside = (t: number): boolean => t > window.start && t < window.end;
  for (const entry of entries) for (const t of [entry.startedAt, endOf(entry, now)]) if (inside(t)) cuts.add(t);
  for (const span of marked) for (const t of [span.startedAt, span.endedAt]) if (inside(t)) cuts.add(t);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const entry = entries.find((e) => e.startedAt <= start && start < endOf(e, now));
    const span = marked.find((s) => s.startedAt <= start && start < s.endedAt);
    const next = classify(entry, span);
    const last = segments.at(-1);
    if (last !== undefined && last.kind === next.kind && last.taskRef === next.taskRef) last.end = end;
    else segments.push({ start, end, ...next });
  }
  const rows = segments.map((s) => ({
    start: formatLocalIso(s.start),
    end: formatLocalIso(s.end),
    seconds: seconds(s.end - s.start),
    kind: s.kind,
    taskRef: s.taskRef,
  }));
  const total = (kind: Kind): number => rows.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.seconds, 0);
  const trackedInWindowMs = sumClippedMs(entries, window.start, window.end, now);
  return {
    workingFrom: formatLocalIso(window.start),
    workingTo: formatLocalIso(window.end),
    segments: rows,
    totals: {
      trackedSeconds: total('tracked'),
      idleKeptSeconds: total('idle_kept'),
      idlePendingSeconds: total('idle_pending'),
      idleDiscardedSeconds: total('idle_discarded'),
      untrackedSeconds: total('untracked'),
      trackedOutsideSeconds: seconds(trackedInDayMs - trackedInWindowMs),
    },
  };
}

function classify(entry: TimeEntryRecord | undefined, span: IdleSpanRecord | undefined): Pick<Segment, 'kind' | 'taskRef'> {
  if (span?.state === 'discarded' && entry === undefined) return { kind: 'idle_discarded', taskRef: null };
  if (entry === undefined) return { kind: 'untracked', taskRef: null };
  if (span?.state === 'kept') return { kind: 'idle_kept', taskRef: entry.taskRef };
  if (span?.state === 'pending') return { kind: 'idle_pending', taskRef: entry.taskRef };
  return { kind: 'tracked', taskRef: entry.taskRef };
}

function endOf(entry: TimeEntryRecord, now: number): number {
  return entry.endedAt ?? Math.max(now, entry.startedAt);
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}

function zeroTotals(): Omit<Ledger['totals'], 'trackedOutsideSeconds'> {
  return { trackedSeconds: 0, idleKeptSeconds: 0, idlePendingSeconds: 0, idleDiscardedSeconds: 0, untrackedSeconds: 0 };
}
