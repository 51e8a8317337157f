import type { DayReport, WeekReport } from '../../../common/dto';
import { addDays, dayRange, formatCalendarDate, formatLocalIso, mondayOf, type CalendarDate } from '../../../common/local-time';
import { toEntryDto } from '../dto-mapping';
import type { MinuteActivity, Store, TimeEntryRecord } from '../ports/repositories';

const SLOT_MS = 10 * 60_000;
const MINUTE_MS = 60_000;

/** Totals and activity per local calendar day. Entries crossing midnight count in each day for their part. */
export class ReportService {
  constructor(private readonly store: Store) {}

  /** Seconds tracked within [from, to), the running entry counted up to now. */
  trackedSeconds(from: number, to: number, now: number): number {
    const entries = this.store.entries.intersecting(from, to, now);
    return sumClippedSeconds(entries, from, to, now);
  }

  day(date: CalendarDate, now: number): DayReport {
    const { start, end } = dayRange(date);
    const entries = this.store.entries.intersecting(start, end, now);
    const minutes = this.store.activity.between(start, end);
    const trackedMs = sumClipped(entries, start, end, now);
    const activeInTracked = minutes.reduce((sum, minute) => sum + minute.activeSeconds * coverage(minute, entries, now), 0);
    return {
      day: formatCalendarDate(date),
      from: formatLocalIso(start),
      to: formatLocalIso(end),
      totalSeconds: sumClippedSeconds(entries, start, end, now),
      byTask: totalsByTask(entries, start, end, now),
      activity: {
        activeSeconds: sumOf(minutes, (m) => m.activeSeconds),
        keyboardSeconds: sumOf(minutes, (m) => m.keyboardSeconds),
        mouseSeconds: sumOf(minutes, (m) => m.mouseSeconds),
        percentOfTracked: trackedMs === 0 ? null : round1((100 * activeInTracked) / (trackedMs / 1000)),
        slots: slotsOf(minutes, start, end),
      },
      entries: entries.map((entry) => toEntryDto(entry, now)),
    };
  }

  week(date: CalendarDate, now: number): WeekReport {
    const monday = mondayOf(date);
    const from = dayRange(monday).start;
    const to = dayRange(addDays(monday, 6)).end;
    const days = Array.from({ length: 7 }, (_, offset) => {
      const day = addDays(monday, offset);
      const range = dayRange(day);
      return {
        day: formatCalendarDate(day),
        totalSeconds: this.trackedSeconds(range.start, range.end, now),
        activeSeconds: this.store.activity.activeSecondsBetween(range.start, range.end),
      };
    });
    const entries = this.store.entries.intersecting(from, to, now);
    return {
      week: formatCalendarDate(monday),
      from: formatLocalIso(from),
      to: formatLocalIso(to),
      totalSeconds: days.reduce((sum, day) => sum + day.totalSeconds, 0),
      byTask: totalsByTask(entries, from, to, now),
      days,
    };
  }
}

function clippedMs(entry: TimeEntryRecord, from: number, to: number, now: number): number {
  const end = entry.endedAt ?? Math.max(now, entry.startedAt);
  return Math.max(0, Math.min(end, to) - Math.max(entry.startedAt, from));
}

/**
 * Whole seconds per entry, then summed: a total always equals the sum of the rows it is made of
 * (rounding the summed milliseconds instead could differ from the entries' own durations by a second).
 */
function clippedSeconds(entry: TimeEntryRecord, from: number, to: number, now: number): number {
  return Math.round(clippedMs(entry, from, to, now) / 1000);
}

function sumClippedSeconds(entries: readonly TimeEntryRecord[], from: number, to: number, now: number): number {
  return entries.reduce((sum, entry) => sum + clippedSeconds(entry, from, to, now), 0);
}

function sumClipped(entries: readonly TimeEntryRecord[], from: number, to: number, now: number): number {
  return entries.reduce((sum, entry) => sum + clippedMs(entry, from, to, now), 0);
}

function totalsByTask(entries: readonly TimeEntryRecord[], from: number, to: number, now: number): { taskRef: string; seconds: number }[] {
  const byTask = new Map<string, number>();
  for (const entry of entries) byTask.set(entry.taskRef, (byTask.get(entry.taskRef) ?? 0) + clippedSeconds(entry, from, to, now));
  return [...byTask.entries()]
    .map(([taskRef, seconds]) => ({ taskRef, seconds }))
    .sort((a, b) => b.seconds - a.seconds || a.taskRef.localeCompare(b.taskRef));
}

/** The fraction of a minute covered by tracked entries. */
function coverage(minute: MinuteActivity, entries: readonly TimeEntryRecord[], now: number): number {
  const covered = sumClipped(entries, minute.minuteStart, minute.minuteStart + MINUTE_MS, now);
  return Math.min(1, covered / MINUTE_MS);
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
    percent: round1((100 * Math.min(600, seconds)) / 600),
  }));
}

function sumOf(minutes: readonly MinuteActivity[], pick: (minute: MinuteActivity) => number): number {
  return minutes.reduce((sum, minute) => sum + pick(minute), 0);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
