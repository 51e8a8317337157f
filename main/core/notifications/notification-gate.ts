import { BoundedMap } from '../bounded/bounded-map';
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
  'consent-notice',
]);

/** Hard caps: keys remembered for deduplication, and send times kept for the rate limit. */
export const MAX_REMEMBERED_KEYS = 256;
export const MAX_SENT_TIMES = 256;

/**
 * Every notification of the core passes here on its way to the platform: the same key within `dedupeMs` is shown
 * once, and informational kinds (screenshot taken, reminders, standup) are rate-limited so a burst never floods
 * the desktop. What it drops is logged by kind only.
 */
export class NotificationGate implements Notifier {
  private readonly lastByKey = new BoundedMap<string, number>(MAX_REMEMBERED_KEYS);
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
    const last = this.lastByKey.peek(notification.key);
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
    if (this.sent.length > MAX_SENT_TIMES) this.sent = this.sent.slice(-MAX_SENT_TIMES);
    this.inner.notify(notification);
  }

  /** How many keys are remembered for deduplication (the cap test reads it). */
  get rememberedKeys(): number {
    return this.lastByKey.size;
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
    for (const key of [...this.lastByKey.keys()]) {
      const at = this.lastByKey.peek(key) ?? now;
      if (now - at >= this.limits.dedupeMs || at > now) this.lastByKey.delete(key);
    }
  }
}
