import type { EntryDto, IdleSpanDto } from '../../common/dto';
import { formatLocalIso } from '../../common/local-time';
import type { IdleSpanRecord, TimeEntryRecord } from './ports/repositories';

export function toEntryDto(entry: TimeEntryRecord, now: number): EntryDto {
  const end = entry.endedAt ?? now;
  return {
    id: entry.id,
    taskRef: entry.taskRef,
    startedAt: formatLocalIso(entry.startedAt),
    endedAt: entry.endedAt === null ? null : formatLocalIso(entry.endedAt),
    running: entry.endedAt === null,
    durationSeconds: Math.max(0, Math.round((end - entry.startedAt) / 1000)),
    note: entry.note,
    origin: entry.origin,
  };
}

export function toIdleSpanDto(span: IdleSpanRecord): IdleSpanDto {
  return {
    id: span.id,
    startedAt: formatLocalIso(span.startedAt),
    endedAt: formatLocalIso(span.endedAt),
    durationSeconds: Math.max(0, Math.round((span.endedAt - span.startedAt) / 1000)),
    reason: span.reason,
    state: span.state,
    reassignedTo: span.reassignedTo,
    decidedBy: span.decidedBy,
    decideBy: span.decideBy === null ? null : formatLocalIso(span.decideBy),
  };
}
