import { formatLocalIso } from '../../../common/local-time';

export type RoundingMinutes = 0 | 1 | 5 | 15;

/**
 * An entry's length as a worklog: whole minutes, rounded to the nearest step (0 and 1 both mean "to the minute"),
 * and never less than one step, so a short entry is still logged.
 */
export function worklogMinutes(startedAt: number, endedAt: number, rounding: RoundingMinutes): number {
  const step = rounding === 0 ? 1 : rounding;
  const minutes = (endedAt - startedAt) / 60_000;
  return Math.max(step, Math.round(minutes / step) * step);
}

/** Jira's `started`: local time with milliseconds and a numeric offset without colon, e.g. 2021-01-17T12:34:00.000+0100. */
export function jiraDateTime(instant: number): string {
  return formatLocalIso(instant).replace(/([+-]\d{2}):(\d{2})$/, '$1$2');
}

export const JIRA_STARTED_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/** The text of a worklog comment. */
export function worklogComment(note: string | null): string {
  const text = note?.trim() ?? '';
  return text === '' ? 'Logged with Clockhand' : text;
}
