import { addDays, formatCalendarDate, parseCalendarDate, parseIsoDateTime } from '../common/local-time';

/** 3725 -> "1:02:05" */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** 3725 -> "1h 02m"; 300 -> "5m" */
export function formatHoursMinutes(totalSeconds: number): string {
  const minutes = Math.max(0, Math.round(totalSeconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${String(m)}m` : `${String(h)}h ${String(m).padStart(2, '0')}m`;
}

/** An ISO instant -> epoch ms (NaN if it is not one). */
export function instantOf(iso: string): number {
  const parsed = parseIsoDateTime(iso);
  return parsed.ok ? parsed.value : Number.NaN;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant -> local "09:05". */
export function clockTime(iso: string): string {
  const at = new Date(instantOf(iso));
  return Number.isNaN(at.getTime()) ? '—' : `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Today's local calendar day, "2026-11-23". */
export function today(now: Date = new Date()): string {
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function shiftDay(day: string, days: number): string {
  const parsed = parseCalendarDate(day);
  return parsed.ok ? formatCalendarDate(addDays(parsed.value, days)) : day;
}

/** "2026-11-23" -> "Monday, 23 November 2026" (in the user's locale). */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return date.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** "2026-11-23" -> "Mon 23" */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });
}

/** Local minutes since midnight of `day` for an ISO instant (may be < 0 or > 1440 across midnight). */
export function minutesIntoDay(iso: string, day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const midnight = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
  return (instantOf(iso) - midnight) / 60_000;
}
