import type { IdleAction } from '../../../common/dto';
import { DomainError } from '../errors';
import type { Logger } from '../ports/logger';
import type { IdleSpanRecord, Store } from '../ports/repositories';
import type { IdleDefaultAction } from '../ports/settings';
import { removeSpanFromEntries } from '../tracking/span-removal';
import type { IdleSpan } from './idle-detector';

/** Spans shorter than this are not worth a question. */
export const MIN_DECISION_MS = 60_000;

export interface DecisionSettings {
  readonly promptMs: number;
  readonly defaultAction: IdleDefaultAction;
}

/**
 * What happens to time the person was away while a timer ran: keep, discard, or reassign it to another task.
 * A decision is stored (it survives restarts), offered to every face, and settled by a default if nobody answers.
 */
export class IdleDecisions {
  private nextDeadline: number | null = null;

  constructor(
    private readonly store: Store,
    private readonly settings: () => DecisionSettings,
    private readonly logger: Logger,
    private readonly onPending: (span: IdleSpanRecord) => void = () => undefined,
  ) {
    this.refreshDeadline();
  }

  /** A finished idle span: ask about it if it touched tracked time. */
  handle(span: IdleSpan, now: number): IdleSpanRecord | null {
    const duration = span.end - span.start;
    if (duration <= 0) return null;
    return this.store.transaction(() => {
      const touchesEntries = this.store.entries.intersecting(span.start, span.end, now).length > 0;
      if (duration < MIN_DECISION_MS) {
        // A short clock jump is never work; a short lock or pause is not worth a question.
        if (span.reason !== 'clock-jump' || !touchesEntries) return null;
        removeSpanFromEntries(this.store, span.start, span.end, now);
        return this.store.idleSpans.insert({ ...this.base(span, now), state: 'discarded', decidedBy: 'auto', decideBy: null });
      }
      if (!touchesEntries) {
        return this.store.idleSpans.insert({ ...this.base(span, now), state: 'untracked', decidedBy: 'auto', decideBy: null });
      }
      const decideBy = now + this.settings().promptMs;
      const pending = this.store.idleSpans.insert({ ...this.base(span, now), state: 'pending', decidedBy: null, decideBy });
      this.logger.info('idle decision pending', { spanId: pending.id, seconds: Math.round(duration / 1000), reason: span.reason });
      this.refreshDeadline();
      this.onPending(pending);
      return pending;
    });
  }

  pending(): IdleSpanRecord[] {
    return this.store.idleSpans.pending();
  }

  /** Every idle span intersecting [from, to), decided or not. */
  between(from: number, to: number): IdleSpanRecord[] {
    return this.store.idleSpans.between(from, to);
  }

  /** Settles a pending decision (the oldest when no id is given). */
  resolve(
    id: number | undefined,
    action: IdleAction,
    taskRef: string | null,
    now: number,
    by: 'user' | 'default' = 'user',
  ): IdleSpanRecord {
    const resolved = this.store.transaction(() => {
      const span = id === undefined ? this.store.idleSpans.pending()[0] : this.store.idleSpans.get(id);
      if (!span) {
        throw new DomainError('not_found', id === undefined ? 'no idle decision is pending' : `there is no idle span #${id}`);
      }
      if (span.state !== 'pending') {
        throw new DomainError('conflict', `idle span #${span.id} was already decided (${span.state})`);
      }
      switch (action) {
        case 'keep':
          return this.store.idleSpans.resolve(span.id, { state: 'kept', reassignedTo: null, decidedBy: by, decidedAt: now });
        case 'discard':
          removeSpanFromEntries(this.store, span.startedAt, span.endedAt, now);
          return this.store.idleSpans.resolve(span.id, { state: 'discarded', reassignedTo: null, decidedBy: by, decidedAt: now });
        case 'reassign': {
          if (taskRef === null) throw new DomainError('invalid_input', 'reassign needs the task to give the idle time to');
          removeSpanFromEntries(this.store, span.startedAt, span.endedAt, now);
          this.store.entries.insert({ taskRef, startedAt: span.startedAt, endedAt: span.endedAt, note: null, origin: 'idle', now });
          return this.store.idleSpans.resolve(span.id, { state: 'reassigned', reassignedTo: taskRef, decidedBy: by, decidedAt: now });
        }
      }
    });
    this.logger.info('idle decision settled', { spanId: resolved.id, state: resolved.state, by });
    this.refreshDeadline();
    return resolved;
  }

  /** Applies the default to every decision nobody answered in time. Cheap when nothing is due. */
  applyDefaults(now: number): void {
    if (this.nextDeadline === null || this.nextDeadline > now) return;
    const action = this.settings().defaultAction;
    for (const span of this.store.idleSpans.pending()) {
      if (span.decideBy !== null && span.decideBy <= now) this.resolve(span.id, action, null, now, 'default');
    }
    this.refreshDeadline();
  }

  private refreshDeadline(): void {
    const deadlines = this.store.idleSpans.pending().flatMap((span) => (span.decideBy === null ? [] : [span.decideBy]));
    this.nextDeadline = deadlines.length === 0 ? null : Math.min(...deadlines);
  }

  private base(span: IdleSpan, now: number): { startedAt: number; endedAt: number; reason: IdleSpan['reason']; now: number } {
    return { startedAt: span.start, endedAt: span.end, reason: span.reason, now };
  }
}
