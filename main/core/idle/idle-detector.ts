import type { IdleReason } from '../../../common/dto';

export interface IdleSpan {
  readonly start: number;
  readonly end: number;
  readonly reason: IdleReason;
}

/**
 * When was the person away? A pure state machine over wall (epoch ms) and monotonic time.
 * - No input for the threshold (measured on the monotonic clock) starts idle at the last input.
 * - Suspend and lock start idle at once; resume and unlock end it (input while locked does not).
 * - A gap in the clock (sleep the platform did not report, or a wall-clock jump) is an idle span of its own.
 * Each method that ends idle returns the finished span.
 */
export class IdleDetector {
  private lastInputMono: number;
  private lastInputWall: number;
  private idleSince: number | null = null;
  private reason: IdleReason = 'inactivity';
  private locked = false;
  private suspended = false;

  constructor(
    private readonly thresholdMs: () => number,
    wall: number,
    mono: number,
  ) {
    this.lastInputWall = wall;
    this.lastInputMono = mono;
  }

  get idle(): boolean {
    return this.idleSince !== null;
  }

  get since(): number | null {
    return this.idleSince;
  }

  get lastInputAt(): number {
    return this.lastInputWall;
  }

  /** Input was seen in the second ending at `wall`. */
  input(wall: number, mono: number): IdleSpan | null {
    if (this.locked || this.suspended) return null;
    this.lastInputMono = mono;
    const since = this.idleSince;
    this.lastInputWall = wall;
    if (since === null) return null;
    return this.finish(since, Math.max(since, wall - 1000));
  }

  /** Called every tick: starts inactivity idle once the threshold has passed. */
  evaluate(mono: number): void {
    if (this.idleSince === null && mono - this.lastInputMono >= this.thresholdMs()) {
      this.begin(this.lastInputWall, 'inactivity');
    }
  }

  lock(wall: number): void {
    this.locked = true;
    this.begin(wall, 'locked');
  }

  suspend(wall: number): void {
    this.suspended = true;
    this.begin(wall, 'suspended');
  }

  unlock(wall: number, mono: number): IdleSpan | null {
    this.locked = false;
    return this.wake(wall, mono);
  }

  resume(wall: number, mono: number): IdleSpan | null {
    this.suspended = false;
    return this.wake(wall, mono);
  }

  /** The clock skipped [from, to) (sleep or a wall-clock jump). Inside an idle span it just extends that span. */
  gap(from: number, to: number, reason: IdleReason, mono: number): IdleSpan | null {
    if (this.idleSince !== null || to <= from) return null;
    this.lastInputMono = mono;
    this.lastInputWall = to;
    return { start: from, end: to, reason };
  }

  /** The wall clock went back to `wall`: nothing may start after now. */
  clockWentBack(wall: number): void {
    if (this.idleSince !== null && this.idleSince > wall) this.idleSince = wall;
    if (this.lastInputWall > wall) this.lastInputWall = wall;
  }

  private begin(wall: number, reason: IdleReason): void {
    if (this.idleSince !== null) return;
    this.idleSince = wall;
    this.reason = reason;
  }

  private wake(wall: number, mono: number): IdleSpan | null {
    if (this.locked || this.suspended) return null;
    this.lastInputMono = mono;
    this.lastInputWall = wall;
    const since = this.idleSince;
    if (since === null) return null;
    return this.finish(since, Math.max(since, wall));
  }

  private finish(start: number, end: number): IdleSpan {
    const span = { start, end, reason: this.reason };
    this.idleSince = null;
    this.reason = 'inactivity';
    return span;
  }
}
