/** What `clockhand report` was asked for: `report day|week|month [date]`, or the options --day, --week, --month. */
export type ReportRequest =
  | { readonly period: 'day'; readonly date: string }
  | { readonly period: 'week'; readonly date: string }
  | { readonly period: 'month'; readonly date: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The request, or a usage message. `today` is YYYY-MM-DD. */
export function reportRequest(
  period: string | undefined,
  date: string | undefined,
  options: { readonly day?: string; readonly week?: string; readonly month?: string },
  today: string,
): ReportRequest | string {
  const given = [
    ...(period === undefined ? [] : [{ period, date }]),
    ...(options.day === undefined ? [] : [{ period: 'day', date: options.day }]),
    ...(options.week === undefined ? [] : [{ period: 'week', date: options.week }]),
    ...(options.month === undefined ? [] : [{ period: 'month', date: options.month }]),
  ];
  if (given.length > 1) return 'give one of day, week or month (or --day, --week, --month), not several';
  const asked = given[0] ?? { period: 'day', date: undefined };
  switch (asked.period) {
    case 'day':
    case 'week': {
      const value = asked.date ?? today;
      if (!DAY.test(value)) return `${asked.period} takes a date, YYYY-MM-DD, not "${value.slice(0, 40)}"`;
      return { period: asked.period, date: value };
    }
    case 'month': {
      const value = asked.date ?? today.slice(0, 7);
      const month = DAY.test(value) ? value.slice(0, 7) : value;
      if (!MONTH.test(month)) return `month takes YYYY-MM, not "${value.slice(0, 40)}"`;
      return { period: 'month', date: month };
    }
    default:
      return `report day, week or month, not "${asked.period.slice(0, 40)}"`;
  }
}
