import { formatLocalIso } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { Store, TimeEntryRecord } from '../ports/repositories';

export const MAX_ENTRY_MS = 24 * 60 * 60 * 1000;

/** A finished entry: end after start, at most 24 hours, not in the future. */
export function checkFinishedSpan(start: number, end: number, now: number): void {
  if (!(end > start)) throw new DomainError('invalid_input', 'the end must be after the start');
  if (end - start > MAX_ENTRY_MS) throw new DomainError('too_long', 'an entry can be at most 24 hours long');
  if (end > now) throw new DomainError('in_future', `an entry cannot end in the future (it ends ${formatLocalIso(end)})`);
}

/** A running entry's start must not be in the future. */
export function checkRunningStart(start: number, now: number): void {
  if (start > now) throw new DomainError('in_future', `a running entry cannot start in the future (${formatLocalIso(start)})`);
}

/** No entry may overlap another; the running entry counts as [start, now]. */
export function checkNoOverlap(store: Store, start: number, end: number, now: number, exclude: readonly number[]): void {
  const clash = store.entries.intersecting(start, end, now).find((other) => !exclude.includes(other.id));
  if (clash) throw new DomainError('overlap', `overlaps entry #${clash.id} (${describeEntry(clash)})`);
}

export function describeEntry(entry: TimeEntryRecord): string {
  const end = entry.endedAt === null ? 'running' : formatLocalIso(entry.endedAt);
  return `${entry.taskRef}, ${formatLocalIso(entry.startedAt)} to ${end}`;
}
