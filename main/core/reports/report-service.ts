import type { DayReport, MonthReport, WeekReport } from '../../../common/dto';
import {
  addDays,
  dayRange,
  daysInMonth,
  formatCalendarDate,
  formatLocalIso,
  mondayOf,
  type CalendarDate,
} from '../../../common/local-time';
import { toEntryDto } from '../dto-mapping';
import type { MinuteActivity, Store, TimeEntryRecord } from '../ports/repositories';
import { ledgerOf } from './ledger';
import { activeInTracked, minutesIn, percentOf, sumClippedMs, sumClippedSeconds } from './report-math';
import { breakdownOf, type ProjectNameOf } from './task-totals';
import { workingWindow, type WorkingHours } from './working-hours';

const SLOT_MS = 10 * 60_000;

export interface ReportSettings {
  /** The workingHours.* settings as they are now. */
  readonly workingHours: () => WorkingHours;
  /** Task project names, as far as the assigned-task cache knows them (read once per report). */
  readonly projectNames: () => ProjectNameOf;
}

const noSettings: ReportSettings = {
  workingHours: () => ({ start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }),
  projectNames: () => () => null,
};

/**
 * Totals and activity per local calendar day, week and month. Entries crossing midnight count in each day for
 * their part; days are real local days (23 or 25 hours on DST days). A period reads its entries and activity
 * minutes once and splits them per day in memory.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly settings: ReportSettings = noSettings,
  ) {}

  /** Seconds tracked within [from, to), the running entry counted up to now. */
  trackedSeconds(from: number, to: number, now: number): number {
    const entries = this.store.entries.intersecting(from, to, now);
    return sumClippedSeconds(entries, from, to, now);
  }

  day(date: CalendarDate, now: number): DayReport {
    const { start, end } = dayRange(date);
    const entries = this.store.entries.intersecting(start, end, now);
    const minutes = this.store.activity.between(start, end);
    const spans = this.store.idleSpans.between(start, end);
    const window = workingWindow(date, this.settings.workingHours());
    return {
      day: formatCalendarDate(date),
      from: formatLocalIso(start),
      to: formatLocalIso(end),
      totalSeconds: sumClippedSeconds(entries, start, end, now),
      ...breakdownOf(entries, start, end, now, this.settings.projectNames()),
      activity: {
        activeSeconds: sumOf(minutes, (m) => m.activeSeconds),
        keyboardSeconds: sumOf(minutes, (m) => m.keyboardSeconds),
        mouseSeconds: sumOf(minutes, (m) => m.mouseSeconds),
        percentOfTracked: percentOf(activeInTracked(minutes, entries, now), sumClippedMs(entries, start, end, now)),
        slots: slotsOf(minutes, start, end),
      },
      ledger: ledgerOf(window, { start, end }, entries, spans, now),
      entries: entries.map((entry) => toEntryDto(entry, now)),
    };
  }

  week(date: CalendarDate, now: number): WeekReport {
    const monday = mondayOf(date);
    return { week: formatCalendarDate(monday), ...this.period(monday, 7, now) };
  }

  month(date: CalendarDate, now: number): MonthReport {
    const first = { year: date.year, month: date.month, day: 1 };
    const month = formatCalendarDate(first).slice(0, 7);
    return { month, ...this.period(first, daysInMonth(date.year, date.month), now) };
  }

  private period(first: CalendarDate, count: number, now: number): Omit<WeekReport, 'week'> {
    const from = dayRange(first).start;
    const to = dayRange(addDays(first, count - 1)).end;
    const entries = this.store.entries.intersecting(from, to, now);
    const minutes = this.store.activity.between(from, to);
    const days = Array.from({ length: count }, (_, offset) => {
      const day = addDays(first, offset);
      const range = dayRange(day);
      const inDay = entries.filter((e) => e.startedAt < range.end && endOf(e, now) > range.start);
      const dayMinutes = minutesIn(minutes, range.start, range.end);
      return {
        day: formatCalendarDate(day),
        totalSeconds: sumClippedSeconds(inDay, range.start, range.end, now),
        activeSeconds: sumOf(dayMinutes, (m) => m.activeSeconds),
        percentOfTracked: percentOf(activeInTracked(dayMinutes, inDay, now), sumClippedMs(inDay, range.start, range.end, now)),
      };
    });
    return {
      from: formatLocalIso(from),
      to: formatLocalIso(to),
      totalSeconds: days.reduce((sum, day) => sum + day.totalSeconds, 0),
      ...breakdownOf(entries, from, to, now, this.settings.projectNames()),
      days,
    };
  }
}

function endOf(entry: TimeEntryRecord, now: number): number {
  return entry.endedAt ?? Math.max(now, entry.startedAt);
}

function slotsOf(minutes: readonly MinuteActivity[], start: number, end: number): DayReport['activity']['slots'] {
  const count = Math.ceil((end - start) / SLOT_MS);
  const active = new Array<number>(count).fill(0);
  for (const minute of minutes) {
    const index = Math.floor((minute.minuteStart - start) / SLOT_MS);
    if (index >= 0 && index < count) active[index] = (active[index] ?? 0) + minute.activeSeconds;
  }
  return active.map((seconds, index) => ({
    start: formatLocalIso(start + index * SLOT_MS),
    activeSeconds: Math.min(600, seconds),
    percent: Math.round((1000 * Math.min(600, seconds)) / 600) / 10,
  }));
}

function sumOf(minutes: readonly MinuteActivity[], pick: (minute: MinuteActivity) => number): number {
  return minutes.reduce((sum, minute) => sum + pick(minute), 0);
}
