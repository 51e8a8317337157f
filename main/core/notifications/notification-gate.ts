import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Notification, NotificationKind, Notifier } from '../ports/notifier';

export interface GateLimits {
  /** The same key again within this long is dropped. */
  readonly dedupeMs: number;
  /** At most this many informational notifications per minute ... */
  readonly perMinute: number;
  /** ... and per hour. */
  readonly perHour: number;
}

export const DEFAULT_GATE_LIMITS: GateLimits = { dedupeMs: 30 * 60_000, perMinute: 3, perHour: 20 };

/** Kinds that ask the user to act: deduplicated, never dropped by the rate limit. */
const NEEDS_THE_USER: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'back-from-idle',
  'reconnect-needed',
  'policy-changed',
  'policy-problem',
  'screenshots-failing',
]);

/**
 * Every notification of the core passes here on its way to the platform: the same key within `dedupeMs` is shown
 * once, and informational kinds (screenshot taken, reminders, standup) are rate-limited so a burst never floods
 * the desktop. What it drops is logged by kind only.
 */
export class NotificationGate implements Notifier {
  private readonly lastByKey = new Map<string, number>();
  private sent: number[] = [];

  constructor(
    private readonly inner: Notifier,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly limits: GateLimits = DEFAULT_GATE_LIMITS,
  ) {}

  notify(notification: Notification): void {
    const now = this.clock.now();
    this.forgetBefore(now);
    const last = this.lastByKey.get(notification.key);
    if (last !== undefined && now - last < this.limits.dedupeMs) {
      this.logger.debug('notification deduplicated', { kind: notification.kind });
      return;
    }
    if (!NEEDS_THE_USER.has(notification.kind) && this.overLimit(now)) {
      this.logger.info('notification dropped by the rate limit', { kind: notification.kind });
      return;
    }
    this.lastByKey.set(notification.key, now);
    this.sent.push(now);
    this.inner.notify(notification);
  }

  /** Lets the same key through again (the condition cleared, e.g. a connection was repaired). */
  forget(key: string): void {
    this.lastByKey.delete(key);
  }

  private overLimit(now: number): boolean {
    const lastMinute = this.sent.filter((at) => now - at < 60_000).length;
    return lastMinute >= this.limits.perMinute || this.sent.length >= this.limits.perHour;
  }

  private forgetBefore(now: number): void {
    this.sent = this.sent.filter((at) => now - at < 3_600_000 && at <= now);
    for (const [key, at] of this.lastByKey) {
      if (now - at >= this.limits.dedupeMs || at > now) this.lastByKey.delete(key);
    }
  }
}
