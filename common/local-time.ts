/**
 * Calendar and ISO-8601 helpers in the host's local time zone. Pure: no clock reads.
 * Local time comes from the process time zone (TZ), which is what users expect of a desktop app.
 */

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseCalendarDate(text: string): Parsed<CalendarDate> {
  const m = DATE_RE.exec(text);
  if (!m) return { ok: false, message: `"${clip(text)}" is not a date in the form YYYY-MM-DD` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `"${text}" is not a real calendar date` };
  }
  return { ok: true, value: { year, month, day } };
}

/**
 * Parses an ISO-8601 date-time. With an offset (Z, +01:00, +0100) it is absolute; without one it is local time.
 * Rejects impossible dates and local times that do not exist (the hour skipped by a DST change).
 */
export function parseIsoDateTime(text: string): Parsed<number> {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) {
    return { ok: false, message: `"${clip(text)}" is not an ISO-8601 date-time (e.g. 2026-11-20T09:30 or 2026-11-20T09:30:00+01:00)` };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const zone = m[8];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `"${clip(text)}" is not a real date and time` };
  }
  if (zone !== undefined) {
    let offsetMinutes = 0;
    if (zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2, 4));
      if (oh > 23 || om > 59) return { ok: false, message: `"${clip(text)}" has an impossible UTC offset` };
      offsetMinutes = sign * (oh * 60 + om);
    }
    return { ok: true, value: Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000 };
  }
  const local = new Date(year, month - 1, day, hour, minute, second, millis);
  if (
    local.getFullYear() !== year ||
    local.getMonth() !== month - 1 ||
    local.getDate() !== day ||
    local.getHours() !== hour ||
    local.getMinutes() !== minute
  ) {
    return { ok: false, message: `"${clip(text)}" does not exist in the local time zone (skipped by a daylight-saving change)` };
  }
  return { ok: true, value: local.getTime() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

/** Local midnight that starts the given calendar day. */
export function startOfDay(date: CalendarDate): number {
  return new Date(date.year, date.month - 1, date.day).getTime();
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(date.year, date.month - 1, date.day + days);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** The local calendar day containing the instant. */
export function calendarDateOf(instant: number): CalendarDate {
  const d = new Date(instant);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** [start, end) of a local calendar day, in epoch ms. 23 or 25 hours long on DST days. */
export function dayRange(date: CalendarDate): { start: number; end: number } {
  return { start: startOfDay(date), end: startOfDay(addDays(date, 1)) };
}

/** ISO week: Monday of the week containing the date. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(date.year, date.month - 1, date.day).getDay(); // 0 Sunday
  const back = (weekday + 6) % 7;
  return addDays(date, -back);
}

export function formatCalendarDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** ISO-8601 with the local offset, e.g. 2026-11-22T09:30:00.000+01:00. */
export function formatLocalIso(instant: number): string {
  const d = new Date(instant);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}` +
    `T${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
