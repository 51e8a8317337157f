import type { IdleSpanDto, Ledger } from '../common/dto';
import { instantOf } from './format';

/** The ledger's kinds, plus idle time still waiting for a decision (the core counts it as tracked until then). */
export type LedgerRowKind = Ledger['segments'][number]['kind'] | 'idle_pending';

export interface LedgerRow {
  readonly start: string;
  readonly end: string;
  readonly seconds: number;
  readonly kind: LedgerRowKind;
  readonly taskRef: string | null;
}

export interface LedgerTotals {
  readonly tracked: number;
  readonly idlePending: number;
  readonly idleKept: number;
  readonly idleDiscarded: number;
  readonly untracked: number;
}

interface Cut {
  readonly at: number;
  readonly iso: string;
}

/**
 * The working-day ledger as rows, with tracked stretches that lie in an undecided idle span shown as such:
 * the core keeps pending idle time on its entry (so its ledger says tracked) until the person decides.
 */
export function ledgerRows(ledger: Ledger, idle: readonly IdleSpanDto[]): LedgerRow[] {
  const pending = idle
    .filter((span) => span.state === 'pending')
    .map((span) => ({ start: instantOf(span.startedAt), end: instantOf(span.endedAt), startIso: span.startedAt, endIso: span.endedAt }))
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.end) && span.end > span.start);
  const rows: LedgerRow[] = [];
  for (const segment of ledger.segments) {
    const start = instantOf(segment.start);
    const end = instantOf(segment.end);
    if (segment.kind !== 'tracked' || pending.length === 0 || !Number.isFinite(start) || !Number.isFinite(end)) {
      rows.push(segment);
      continue;
    }
    const cuts: Cut[] = [
      { at: start, iso: segment.start },
      { at: end, iso: segment.end },
    ];
    for (const span of pending) {
      if (span.start > start && span.start < end) cuts.push({ at: span.start, iso: span.startIso });
      if (span.end > start && span.end < end) cuts.push({ at: span.end, iso: span.endIso });
    }
    cuts.sort((a, b) => a.at - b.at);
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const from = cuts[i];
      const to = cuts[i + 1];
      if (from === undefined || to === undefined || to.at <= from.at) continue;
      const undecided = pending.some((span) => span.start <= from.at && from.at < span.end);
      const kind: LedgerRowKind = undecided ? 'idle_pending' : 'tracked';
      const last = rows.at(-1);
      const seconds = Math.round((to.at - from.at) / 1000);
      if (last?.kind === kind && last.taskRef === segment.taskRef && last.end === from.iso) {
        rows[rows.length - 1] = { ...last, end: to.iso, seconds: last.seconds + seconds };
      } else {
        rows.push({ start: from.iso, end: to.iso, seconds, kind, taskRef: segment.taskRef });
      }
    }
  }
  return rows;
}

export function ledgerTotals(rows: readonly LedgerRow[]): LedgerTotals {
  const sum = (kind: LedgerRowKind): number => rows.filter((row) => row.kind === kind).reduce((total, row) => total + row.seconds, 0);
  return {
    tracked: sum('tracked'),
    idlePending: sum('idle_pending'),
    idleKept: sum('idle_kept'),
    idleDiscarded: sum('idle_discarded'),
    untracked: sum('untracked'),
  };
}
