import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { RetentionResult, TimeRetentionRepository } from '../ports/retention';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the retention pass runs (monotonic time: the first tick runs it, then once a day). */
export const TIME_RETENTION_EVERY_MS = DAY_MS;

/**
 * The daily job that removes time entries, activity minutes and idle spans older than `retention.timeEntriesDays`.
 * Driven by the tracker's tick; reads the effective setting on every pass, so a policy change applies at the next one.
 */
export class TimeRetention {
  private lastRunMono: number | null = null;

  constructor(
    private readonly repository: TimeRetentionRepository,
    private readonly retentionDays: () => number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  tick(): void {
    const mono = this.clock.monotonic();
    if (this.lastRunMono !== null && mono - this.lastRunMono < TIME_RETENTION_EVERY_MS) return;
    this.lastRunMono = mono;
    try {
      this.apply();
    } catch (error) {
      this.logger.error('time retention failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** One pass now. */
  apply(): RetentionResult {
    const days = this.retentionDays();
    const cutoff = this.clock.now() - days * DAY_MS;
    const result = this.repository.deleteBefore(cutoff);
    if (result.entries + result.activityMinutes + result.idleSpans + result.standups + result.keptForSync > 0) {
      this.logger.info('time retention applied', { retentionDays: days, ...result });
    }
    return result;
  }
}
