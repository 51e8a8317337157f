import { describe, expect, it } from 'vitest';
import { addDays, dayRange, formatLocalIso, mondayOf, parseCalendarDate, parseIsoDateTime } from './local-time';

describe('ISO-8601 parsing', () => {
  it('reads offsets as absolute instants', () => {
    expect(parseIsoDateTime('2026-11-20T09:30:00Z')).toEqual({ ok: true, value: Date.UTC(2026, 10, 20, 9, 30) });
    expect(parseIsoDateTime('2026-11-20T09:30:00+01:00')).toEqual({ ok: true, value: Date.UTC(2026, 10, 20, 8, 30) });
    expect(parseIsoDateTime('2026-11-20T09:30-0530')).toEqual({ ok: true, value: Date.UTC(2026, 10, 20, 15, 0) });
    expect(parseIsoDateTime('2026-11-20T09:30:15.5Z')).toEqual({ ok: true, value: Date.UTC(2026, 10, 20, 9, 30, 15, 500) });
  });

  it('reads times without an offset as local time', () => {
    expect(parseIsoDateTime('2026-11-20T09:30')).toEqual({ ok: true, value: new Date(2026, 10, 20, 9, 30).getTime() });
  });

  it.each(['yesterday', '2026-11-20', '2026-02-30T10:00', '2026-11-20T24:00', '2026-13-01T10:00', '2026-11-20T10:00+25:00', ''])(
    'rejects %s',
    (text) => {
      expect(parseIsoDateTime(text).ok).toBe(false);
    },
  );

  it('rejects local times skipped by a DST change, where the zone has one', () => {
    const skipped = findSkippedLocalTime();
    if (skipped === null) {
      expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(new Date(2026, 0, 1).getTimezoneOffset());
      return;
    }
    const result = parseIsoDateTime(skipped);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/does not exist/);
  });

  it('round-trips through formatLocalIso', () => {
    const instant = new Date(2026, 10, 20, 23, 59, 58, 123).getTime();
    expect(parseIsoDateTime(formatLocalIso(instant))).toEqual({ ok: true, value: instant });
  });
});

describe('calendar days', () => {
  it('validates dates', () => {
    expect(parseCalendarDate('2026-02-29').ok).toBe(false);
    expect(parseCalendarDate('2028-02-29').ok).toBe(true);
    expect(parseCalendarDate('2026-1-5').ok).toBe(false);
  });

  it('gives DST days their real length and ordinary days 24 hours', () => {
    let day = { year: 2026, month: 1, day: 1 };
    const lengths = new Map<number, number>();
    for (let i = 0; i < 365; i += 1) {
      const { start, end } = dayRange(day);
      const hours = (end - start) / 3_600_000;
      lengths.set(hours, (lengths.get(hours) ?? 0) + 1);
      day = addDays(day, 1);
    }
    const hasDst = new Date(2026, 6, 1).getTimezoneOffset() !== new Date(2026, 0, 1).getTimezoneOffset();
    const ordinary = lengths.get(24) ?? 0;
    expect(ordinary).toBe(hasDst ? 363 : 365);
    if (hasDst) expect([...lengths.keys()].filter((h) => h !== 24).sort()).toHaveLength(2);
  });

  it('finds the Monday of an ISO week', () => {
    expect(mondayOf({ year: 2026, month: 11, day: 22 })).toEqual({ year: 2026, month: 11, day: 16 }); // a Sunday
    expect(mondayOf({ year: 2026, month: 11, day: 16 })).toEqual({ year: 2026, month: 11, day: 16 });
    expect(mondayOf({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, month: 12, day: 28 });
  });
});

/** A local wall time that does not exist in this zone in 2026 (the spring-forward gap), or null. */
function findSkippedLocalTime(): string | null {
  for (let t = new Date(2026, 0, 1).getTime(); t < new Date(2027, 0, 1).getTime(); t += 3_600_000) {
    const before = new Date(t).getTimezoneOffset();
    const after = new Date(t + 3_600_000).getTimezoneOffset();
    if (after < before) {
      // Clocks went forward between t and t+1h: the local minute right after t's local time + 1 min may be skipped.
      for (let probe = t; probe <= t + 3_600_000; probe += 60_000) {
        const d = new Date(probe);
        const next = new Date(probe + 60_000);
        if (next.getHours() * 60 + next.getMinutes() - (d.getHours() * 60 + d.getMinutes()) > 1) {
          const y = d.getFullYear();
          const mo = String(d.getMonth() + 1).padStart(2, '0');
          const da = String(d.getDate()).padStart(2, '0');
          const minutes = d.getHours() * 60 + d.getMinutes() + 1;
          return `${y}-${mo}-${da}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        }
      }
    }
  }
  return null;
}
