/** Time as the core sees it. The core never reads the system clock itself. */
export interface Clock {
  /** Wall-clock time, epoch milliseconds. Can jump (NTP, manual change). */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin. Never goes back; may stand still while suspended. */
  monotonic(): number;
}
