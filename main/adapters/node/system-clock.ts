import { performance } from 'node:perf_hooks';
import type { Clock } from '../../core/ports/clock';

/** Wall time from Date, monotonic time from the high-resolution timer (CLOCK_MONOTONIC: stands still in suspend). */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};
