import type { MinuteActivity, TimeEntryRecord } from '../ports/repositories';

export const MINUTE_MS = 60_000;

/** Milliseconds of an entry inside [from, to); a running entry counts up to `now`. */
export function clippedMs(entry: TimeEntryRecord, from: number, to: number, now: number): number {
  const end = entry.endedAt ?? Math.max(now, entry.startedAt);
  return Math.max(0, Math.min(end, to) - Math.max(entry.startedAt, from));
}

/**
 * Whole seconds per entry, then summed: a total always equals the sum of the rows it is made of
 * (rounding the summed milliseconds instead could differ from the entries' own durations by a second).
 */
export function clippedSeconds(entry: TimeEntryRecord, from: number, to: number, now: number): number {
  return Math.round(clippedMs(entry, from, to, now) / 1000);
}

export function sumClippedSeconds(entries: readonly TimeEntryRecord[], from: number, to: number, now: number): number {
  return entries.reduce((sum, entry) => sum + clippedSeconds(entry, from, to, now), 0);
}

export function sumClippedMs(entries: readonly TimeEntryRecord[], from: number, to: number, now: number): number {
  return entries.reduce((sum, entry) => sum + clippedMs(entry, from, to, now), 0);
}

/**
 * Active seconds that fell inside tracked time: each minute's active seconds weighted by the fraction of the minute
 * covered by entries. Both lists are ordered by start and entries never overlap, so one sweep does it.
 */
export function activeInTracked(minutes: readonly MinuteActivity[], entries: readonly TimeEntryRecord[], now: number): number {
  let first = 0;
  let active = 0;
  for (const minute of minutes) {
    const from = minute.minuteStart;
    const to = from + MINUTE_MS;
    while (first < entries.length && endOf(entries[first], now) <= from) first += 1;
    let covered = 0;
    for (let i = first; i < entries.length; i += 1) {
      const entry = entries[i];
      if (entry === undefined || entry.startedAt >= to) break;
      covered += clippedMs(entry, from, to, now);
    }
    active += minute.activeSeconds * Math.min(1, covered / MINUTE_MS);
  }
  return active;
}

function endOf(entry: TimeEntryRecord | undefined, now: number): number {
  if (entry === undefined) return Number.POSITIVE_INFINITY;
  return entry.endedAt ?? Math.max(now, entry.startedAt);
}

/** active / tracked as a percentage with one decimal; null when nothing was tracked. */
export function percentOf(activeSeconds: number, trackedMs: number): number | null {
  return trackedMs === 0 ? null : round1(Math.min(100, (100 * activeSeconds) / (trackedMs / 1000)));
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The minutes starting in [from, to) of a list ordered by start (binary search: no copy of the whole list scanned). */
export function minutesIn(minutes: readonly MinuteActivity[], from: number, to: number): readonly MinuteActivity[] {
  return minutes.slice(lowerBound(minutes, from), lowerBound(minutes, to));
}

function lowerBound(minutes: readonly MinuteActivity[], instant: number): number {
  let low = 0;
  let high = minutes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((minutes[mid]?.minuteStart ?? Number.POSITIVE_INFINITY) < instant) low = mid + 1;
    else high = mid;
  }
  return low;
}
