import { addDays, formatCalendarDate, type CalendarDate } from '../../../common/local-time';

/** What the schedule reads from the effective settings. */
export interface StandupSchedule {
  readonly enabled: boolean;
  /** HH:MM, local time. */
  readonly at: string;
  /** ISO weekdays: 1 Monday ... 7 Sunday. */
  readonly weekdays: readonly number[];
}

/** ISO weekday of a calendar day: 1 Monday ... 7 Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(date.year, date.month - 1, date.day).getDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The instant of HH:MM local time on that day, computed from the calendar (never "yesterday's time + 24 h"), so
 * it stays at the same wall time across daylight-saving changes. A time that does not exist that day (skipped by
 * the change) comes out just after the gap; a time that exists twice is the first one.
 */
export function scheduledInstant(date: CalendarDate, at: string): number {
  const [hours, minutes] = at.split(':').map(Number);
  return new Date(date.year, date.month - 1, date.day, hours ?? 0, minutes ?? 0).getTime();
}

/**
 * Whether the standup of `today` is due at `now`: a standup day, and its time has come. A day whose time passed
 * while the computer slept is still due when it wakes on that day; an earlier day never is (the caller only ever
 * asks about today).
 */
export function standupDue(schedule: StandupSchedule, today: CalendarDate, now: number): boolean {
  if (!schedule.enabled || !schedule.weekdays.includes(isoWeekday(today))) return false;
  return now >= scheduledInstant(today, schedule.at);
}

/** The previous working day before `today` (a standup weekday; the day before when no weekday is set). */
export function previousWorkingDay(today: CalendarDate, weekdays: readonly number[]): CalendarDate {
  for (let back = 1; back <= 7; back++) {
    const candidate = addDays(today, -back);
    if (weekdays.length === 0 || weekdays.includes(isoWeekday(candidate))) return candidate;
  }
  return addDays(today, -1);
}

export function dayText(date: CalendarDate): string {
  return formatCalendarDate(date);
}
