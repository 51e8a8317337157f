import { shiftDay } from './format';

/** "2026-11-23" -> "2026-11" */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** "2026-11" shifted by whole months: ("2026-01", -1) -> "2025-12". */
export function shiftMonth(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + months;
  return `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026-11" -> "November 2026" (in the user's locale). */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, 1).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}

export type ReportRange = 'day' | 'week' | 'month';

/** The anchor day one range earlier (-1) or later (+1); a month step lands on the first of that month. */
export function stepAnchor(range: ReportRange, anchor: string, direction: -1 | 1): string {
  switch (range) {
    case 'day':
      return shiftDay(anchor, direction);
    case 'week':
      return shiftDay(anchor, 7 * direction);
    case 'month':
      return `${shiftMonth(monthOf(anchor), direction)}-01`;
  }
}

/** Active time within tracked time over several days, 0..100, weighted by each day's tracked time; null when nothing was tracked. */
export function activePercentOf(days: readonly { totalSeconds: number; percentOfTracked: number | null }[]): number | null {
  const tracked = days.reduce((sum, d) => sum + d.totalSeconds, 0);
  if (tracked === 0) return null;
  const active = days.reduce((sum, d) => sum + ((d.percentOfTracked ?? 0) * d.totalSeconds) / 100, 0);
  return Math.min(100, Math.round((active / tracked) * 100));
}
