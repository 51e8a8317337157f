/**
 * One interval window of the screenshot schedule: [start, end), windows aligned on multiples of the interval
 * since the epoch, with one moment drawn uniformly inside it.
 */
export interface CaptureWindow {
  readonly start: number;
  readonly end: number;
  readonly intervalMs: number;
  /** When to capture (or, if nobody was active then, the first active moment after it in the window). */
  readonly moment: number;
  done: boolean;
}

/**
 * The window containing `now`. Following on from the previous window, the moment is drawn in [start, end); opened
 * mid-window (start-up, enable, interval change), it is drawn in what is left of it, [now, end).
 */
export function openWindow(now: number, intervalMs: number, random: number, continuing: boolean): CaptureWindow {
  const start = Math.floor(now / intervalMs) * intervalMs;
  const end = start + intervalMs;
  const from = continuing ? start : Math.max(start, now);
  const moment = from + Math.floor(random * (end - from));
  return { start, end, intervalMs, moment: Math.min(moment, end - 1), done: false };
}
