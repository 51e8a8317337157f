import { DomainError } from '../errors';
import type { Logger } from '../ports/logger';
import type { Store, TimeEntryRecord } from '../ports/repositories';

export interface TimerRecovery {
  readonly entry: TimeEntryRecord;
  /** true: the timer kept running across a short outage; false: it was closed at its last checkpoint. */
  readonly resumed: boolean;
  /** The outage, when the timer resumed across it (it becomes an idle span). */
  readonly outage: { readonly start: number; readonly end: number } | null;
}

/** The one running timer: start, switch, stop, checkpoint, recover after a crash. */
export class TimerService {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  running(): TimeEntryRecord | null {
    return this.store.entries.running();
  }

  /** Starts a timer; a running one is stopped at the same instant in the same transaction (a switch). */
  start(taskRef: string, note: string | null, now: number): TimeEntryRecord {
    return this.store.transaction(() => {
      const current = this.store.entries.running();
      if (current) this.close(current, now);
      const startedAt = current ? Math.max(now, current.startedAt + 1) : now;
      return this.store.entries.insert({ taskRef, startedAt, endedAt: null, note, origin: 'timer', now });
    });
  }

  stop(now: number): TimeEntryRecord {
    return this.store.transaction(() => {
      const current = this.store.entries.running();
      if (!current) throw new DomainError('no_timer', 'no timer is running');
      return this.close(current, now);
    });
  }

  /** Records that the running entry is alive at `now`. Never moves backwards (the wall clock may). */
  checkpoint(now: number): void {
    const current = this.store.entries.running();
    if (current && now > current.checkpointAt) this.store.entries.checkpoint(current.id, now);
  }

  /**
   * After a restart: a timer whose last checkpoint is within `resumeWindowMs` keeps running (the outage is reported
   * so it can be decided like idle time); an older one is closed at its last checkpoint, losing at most one tick.
   */
  recover(now: number, resumeWindowMs: number): TimerRecovery | null {
    return this.store.transaction(() => {
      const current = this.store.entries.running();
      if (!current) return null;
      const outage = now - current.checkpointAt;
      if (outage >= 0 && outage <= resumeWindowMs) {
        this.store.entries.checkpoint(current.id, now);
        this.logger.info('timer resumed after restart', { entryId: current.id, outageMs: outage });
        return { entry: current, resumed: true, outage: { start: current.checkpointAt, end: now } };
      }
      const closed = this.close(current, current.checkpointAt);
      this.logger.warn('timer closed at its last checkpoint after restart', { entryId: current.id, outageMs: outage });
      return { entry: closed, resumed: false, outage: null };
    });
  }

  private close(entry: TimeEntryRecord, at: number): TimeEntryRecord {
    // The wall clock may have gone back since the start: an entry never gets a negative length.
    const endedAt = Math.max(at, entry.startedAt + 1);
    return this.store.entries.update(entry.id, { endedAt }, at);
  }
}
