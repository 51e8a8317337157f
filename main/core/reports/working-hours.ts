import type { CalendarDate } from '../../../common/local-time';

/** The workingHours.* settings: local HH:MM start and end, ISO weekdays 1 (Monday) .. 7 (Sunday). */
export interface WorkingHours {
  readonly start: string;
  readonly end: string;
  readonly days: readonly number[];
}

/**
 * The working window of a local day as instants, or null on a day off (or when end is not after start).
 * Built from local wall time, so a DST day's window is as long as the clock says it is (08:00-17:00 on a
 * 23-hour day is still 9 real hours; a start inside the skipped hour moves to the first instant after it).
 */
export function workingWindow(date: CalendarDate, hours: WorkingHours): { start: number; end: number } | null {
  const weekday = ((new Date(date.year, date.month - 1, date.day).getDay() + 6) % 7) + 1;
  if (!hours.days.includes(weekday)) return null;
  const start = localInstant(date, hours.start);
  const end = localInstant(date, hours.end);
  return end > start ? { start, end } : null;
}

function localInstant(date: CalendarDate, clock: string): number {
  const [hour, minute] = clock.split(':').map(Number);
  return new Date(date.year, date.month - 1, date.day, hour ?? 0, minute ?? 0).getTime();
}
