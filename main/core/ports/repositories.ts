import type { EntryOrigin, IdleReason, IdleSpanState } from '../../../common/dto';

export interface TimeEntryRecord {
  readonly id: number;
  readonly taskRef: string;
  readonly startedAt: number;
  /** null while the timer runs */
  readonly endedAt: number | null;
  readonly note: string | null;
  readonly origin: EntryOrigin;
  /** Last wall time the running entry was known to be alive. */
  readonly checkpointAt: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewTimeEntry {
  readonly taskRef: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly note: string | null;
  readonly origin: EntryOrigin;
  readonly now: number;
}

export interface TimeEntryPatch {
  readonly taskRef?: string;
  readonly startedAt?: number;
  readonly endedAt?: number | null;
  readonly note?: string | null;
}

export interface TimeEntryRepository {
  running(): TimeEntryRecord | null;
  get(id: number): TimeEntryRecord | null;
  insert(entry: NewTimeEntry): TimeEntryRecord;
  update(id: number, patch: TimeEntryPatch, now: number): TimeEntryRecord;
  delete(id: number): void;
  checkpoint(id: number, at: number): void;
  /** Entries whose span [startedAt, endedAt ?? runningEnd) intersects [from, to), ordered by start. */
  intersecting(from: number, to: number, runningEnd: number): TimeEntryRecord[];
}

export interface MinuteActivity {
  /** epoch ms at the start of the minute */
  readonly minuteStart: number;
  readonly activeSeconds: number;
  readonly keyboardSeconds: number;
  readonly mouseSeconds: number;
}

export interface ActivityRepository {
  /** Adds one second of presence to the minute that contains `second`. */
  addSecond(second: number, keyboard: boolean, mouse: boolean): void;
  between(from: number, to: number): MinuteActivity[];
  activeSecondsBetween(from: number, to: number): number;
}

export interface IdleSpanRecord {
  readonly id: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly reason: IdleReason;
  readonly state: IdleSpanState;
  readonly reassignedTo: string | null;
  readonly decidedBy: 'user' | 'default' | 'auto' | null;
  readonly decideBy: number | null;
  readonly decidedAt: number | null;
}

export interface NewIdleSpan {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly reason: IdleReason;
  readonly state: IdleSpanState;
  readonly decidedBy: 'auto' | null;
  readonly decideBy: number | null;
  readonly now: number;
}

export interface IdleSpanResolution {
  readonly state: Exclude<IdleSpanState, 'pending'>;
  readonly reassignedTo: string | null;
  readonly decidedBy: 'user' | 'default' | 'auto';
  readonly decidedAt: number;
}

export interface IdleSpanRepository {
  insert(span: NewIdleSpan): IdleSpanRecord;
  get(id: number): IdleSpanRecord | null;
  pending(): IdleSpanRecord[];
  resolve(id: number, resolution: IdleSpanResolution): IdleSpanRecord;
  between(from: number, to: number): IdleSpanRecord[];
}

/** The store as the core sees it. Synchronous: the SQLite binding is. */
export interface Store {
  readonly entries: TimeEntryRepository;
  readonly activity: ActivityRepository;
  readonly idleSpans: IdleSpanRepository;
  /** Runs fn in one transaction; a throw rolls everything back. */
  transaction<T>(fn: () => T): T;
}
