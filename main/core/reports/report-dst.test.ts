import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../../test/fakes/core-harness';

const HOUR = 3_600_000;

/** Local calendar days of 2026 that are not 24 hours long in the time zone the tests run under. */
function dstDays(): { day: string; start: number; lengthMs: number }[] {
  const days = [];
  for (let d = new Date(2026, 0, 1); d.getFullYear() === 2026; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
    const start = d.getTime();
    const lengthMs = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - start;
    if (lengthMs !== 24 * HOUR) {
      const day = `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      days.push({ day, start, lengthMs });
    }
  }
  return days;
}

describe('reports across daylight-saving changes', () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const days = dstDays();

  it(`finds the daylight-saving days of ${zone}`, () => {
    // The suites run under zones with DST (America/New_York: 1 h, Australia/Lord_Howe: 30 min).
    if (zone === 'UTC' || zone === 'Etc/UTC') {
      expect(days).toEqual([]);
      return;
    }
    expect(days).toHaveLength(2);
    expect(days.map((d) => d.lengthMs).sort()).not.toContain(24 * HOUR);
  });

  for (const { day, start, lengthMs } of days) {
    it(`${day} (${String(lengthMs / HOUR)} h) counts real elapsed time, in slots of real 10 minutes`, () => {
      // Start the evening before, run through the whole changed day and stop one hour after it ends.
      const h = coreHarness(start - HOUR);
      must(h.core.invoke('timer.start', { taskRef: 'local:night-shift' }));
      h.time.advance(lengthMs + 2 * HOUR, () => {
        h.source.emit('keyboard');
      });
      const stopped = must(h.core.invoke('timer.stop', {}));
      expect(stopped.durationSeconds).toBe((lengthMs + 2 * HOUR) / 1000);
      const report = must(h.core.invoke('report.day', { day }));
      expect(report.totalSeconds).toBe(lengthMs / 1000);
      expect(report.activity.slots).toHaveLength(Math.ceil(lengthMs / 600_000));
      expect(report.activity.activeSeconds).toBe(lengthMs / 1000);
      expect(report.activity.slots.every((slot) => slot.percent === 100)).toBe(true);
      expect(new Date(report.from).getTime()).toBe(start);
      expect(new Date(report.to).getTime()).toBe(start + lengthMs);
      const week = must(h.core.invoke('report.week', { day }));
      const [weekFrom, weekTo] = [new Date(week.from).getTime(), new Date(week.to).getTime()];
      const overlap = Math.min(weekTo, start + lengthMs + HOUR) - Math.max(weekFrom, start - HOUR);
      expect(week.totalSeconds).toBe(overlap / 1000);
      expect(week.days.reduce((sum, d) => sum + d.totalSeconds, 0)).toBe(week.totalSeconds);
      expect(week.days.find((d) => d.day === day)?.totalSeconds).toBe(lengthMs / 1000);
    });
  }
});
