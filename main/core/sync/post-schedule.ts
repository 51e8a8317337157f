import { addDays, calendarDateOf, dayRange, formatCalendarDate, parseIsoDateTime } from '../../../common/local-time';

export type PostMode = 'on-stop' | 'daily' | 'review';

/** Held items wait for `clockhand sync now` (the user has reviewed the day). */
export const HELD = Number.MAX_SAFE_INTEGER;

/** When a change may first be posted: now (on-stop), the next daily posting time, or held for review. */
export function firstPostAt(mode: PostMode, dailyAt: string, now: number): number {
  switch (mode) {
    case 'on-stop':
      return now;
    case 'review':
      return HELD;
    case 'daily': {
      let day = calendarDateOf(now);
      for (let i = 0; i < 3; i += 1, day = addDays(day, 1)) {
        const at = parseIsoDateTime(`${formatCalendarDate(day)}T${dailyAt}`);
        // A time skipped by a DST change posts at the end of that day instead.
        const instant = at.ok ? at.value : dayRange(day).end - 1;
        if (instant > now) return instant;
      }
      return now;
    }
  }
}
