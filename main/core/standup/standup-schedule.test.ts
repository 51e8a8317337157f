import { describe, expect, it } from 'vitest';
import { addDays, calendarDateOf, formatCalendarDate, parseCalendarDate } from '../../../common/local-time';
import { coreHarness, must, type CoreHarness } from '../../../test/fakes/core-harness';
import { isoWeekday, previousWorkingDay, scheduledInstant } from './standup-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function date(text: string): ReturnType<typeof calendarDateOf> {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** The local days of 2026 that are not 24 hours long in the zone the tests run under (none under UTC). */
function dstDays(): string[] {
  const days: string[] = [];
  for (let d = new Date(2026, 0, 1); d.getFullYear() === 2026; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
    const length = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - d.getTime();
    if (length !== 24 * HOUR) days.push(formatCalendarDate(calendarDateOf(d.getTime())));
  }
  return days;
}

/** A core whose standups are on at `at` every day of the week, started at `start` (local). */
function harnessAt(start: number, at: string, weekdays = [1, 2, 3, 4, 5, 6, 7]): CoreHarness {
  const h = coreHarness(start);
  h.policy.userSettings.set('standup.enabled', true);
  h.policy.userSettings.set('standup.at', at);
  h.policy.userSettings.set('standup.weekdays', weekdays);
  return h;
}

const offers = (h: CoreHarness): string[] => h.screenshots.notifier.sent.filter((n) => n.kind === 'standup-ready').map((n) => n.body);

/** Advances in one-second ticks and returns the wall times at which a "Standup ready" notification appeared. */
function offeredAtWhile(h: CoreHarness, ms: number): number[] {
  const times: number[] = [];
  let seen = offers(h).length;
  for (let passed = 0; passed < ms; passed += 60_000) {
    h.time.advance(Math.min(60_000, ms - passed), () => {
      const now = offers(h).length;
      if (now > seen) times.push(h.time.now());
      seen = now;
    });
  }
  const last = offers(h).length;
  if (last > seen) times.push(h.time.now());
  return times;
}

describe('the standup schedule', () => {
  it('is the same local wall time on every day, daylight-saving days included', () => {
    for (const day of ['2026-01-15', ...dstDays(), '2026-07-01']) {
      const when = new Date(scheduledInstant(date(day), '09:30'));
      expect([formatCalendarDate(calendarDateOf(when.getTime())), when.getHours(), when.getMinutes()]).toEqual([day, 9, 30]);
    }
  });

  it('finds the previous working day: Monday looks back to Friday, a Wednesday-only team to last Wednesday', () => {
    const monday = date('2026-11-23');
    expect(isoWeekday(monday)).toBe(1);
    expect(formatCalendarDate(previousWorkingDay(monday, [1, 2, 3, 4, 5]))).toBe('2026-11-20');
    expect(formatCalendarDate(previousWorkingDay(date('2026-11-25'), [3]))).toBe('2026-11-18');
    expect(formatCalendarDate(previousWorkingDay(monday, []))).toBe('2026-11-22');
  });

  it('offers the standup once, at the local time, awake through a daylight-saving change', () => {
    for (const day of dstDays()) {
      for (const at of ['01:30', '02:30']) {
        const target = scheduledInstant(date(day), at);
        // From 20 minutes before to 90 minutes after: past a repeated hour (fall back) and the second 01:30 in it.
        const h = harnessAt(target - 20 * MINUTE, at);
        const times = offeredAtWhile(h, 110 * MINUTE);
        expect(times, `${day} ${at}`).toHaveLength(1);
        const offered = times[0] ?? 0;
        // Ticks are a second apart: offered on the first tick at or after the scheduled instant.
        expect(offered - target, `${day} ${at}`).toBeGreaterThanOrEqual(0);
        expect(offered - target, `${day} ${at}`).toBeLessThanOrEqual(1_000);
        expect(formatCalendarDate(calendarDateOf(offered))).toBe(day);
      }
    }
    // A second per tick through nearly two hours, four times: heavy on a loaded machine.
  }, 60_000);

  it('offers it at 09:30 on the days around a daylight-saving change, 23 or 25 hours apart', () => {
    const days = dstDays();
    if (days.length === 0) return; // a zone without daylight saving: the first test covers it
    const first = days[0] ?? '';
    const before = formatCalendarDate(addDays(date(first), -1));
    const h = harnessAt(scheduledInstant(date(before), '09:00'), '09:30');
    // Awake until just before the next day's time, sleeping most of the night (the suspend is detected on waking).
    const firstOffer = offeredAtWhile(h, HOUR);
    h.time.sleep(scheduledInstant(date(first), '09:00') - h.time.now());
    const secondOffer = offeredAtWhile(h, HOUR);
    expect(firstOffer).toHaveLength(1);
    expect(secondOffer).toHaveLength(1);
    const gap = (secondOffer[0] ?? 0) - (firstOffer[0] ?? 0);
    expect(Math.abs(gap - 24 * HOUR)).toBeLessThanOrEqual(HOUR + 1_000);
    expect(gap).not.toBe(24 * HOUR);
    expect(new Date(secondOffer[0] ?? 0).getHours()).toBe(9);
    expect(new Date(secondOffer[0] ?? 0).getMinutes()).toBe(30);
  });

  it('asleep at the time: offered at the next wake on the same day', () => {
    const monday = date('2026-11-23');
    const h = harnessAt(scheduledInstant(monday, '09:00'), '09:30', [1, 2, 3, 4, 5]);
    h.time.advance(5_000);
    expect(offers(h)).toEqual([]);
    h.time.sleep(2 * HOUR);
    h.time.advance(3_000);
    expect(offers(h)).toHaveLength(1);
    const standup = must(h.core.invoke('standup.preview', {}));
    expect(standup.day).toBe('2026-11-23');
    expect(standup.offeredAt?.slice(11, 16)).toBe('11:00');
  });

  it('asleep until the next day: the missed day is never offered, the new day at its own time', () => {
    const monday = date('2026-11-23');
    const h = harnessAt(scheduledInstant(monday, '09:00'), '09:30', [1, 2, 3, 4, 5]);
    h.time.advance(5_000);
    h.time.sleep(23 * HOUR); // wakes Tuesday 08:00
    h.time.advance(10 * MINUTE);
    expect(offers(h)).toEqual([]);
    h.time.advance(HOUR + 30 * MINUTE); // 09:40
    expect(offers(h)).toHaveLength(1);
    expect(offers(h)[0]).toContain('2026-11-24');
    expect(must(h.core.invoke('standup.preview', { day: '2026-11-23' })).offeredAt).toBeNull();
    expect(must(h.core.invoke('standup.preview', {})).offeredAt?.slice(0, 16)).toBe('2026-11-24T09:30');
  });

  it('does nothing on a day that is not a standup day, or when standups are off', () => {
    const saturday = date('2026-11-28');
    const h = harnessAt(scheduledInstant(saturday, '09:00'), '09:30', [1, 2, 3, 4, 5]);
    h.time.advance(2 * HOUR);
    expect(offers(h)).toEqual([]);
    const off = harnessAt(scheduledInstant(date('2026-11-23'), '09:00'), '09:30');
    off.policy.userSettings.set('standup.enabled', false);
    off.time.advance(2 * HOUR);
    expect(offers(off)).toEqual([]);
  });
});
