import type Database from 'better-sqlite3';
import { entryOriginSchema, idleReasonSchema, idleStateSchema } from '../../common/dto';
import type {
  ActivityRepository,
  IdleSpanRecord,
  IdleSpanRepository,
  Store,
  TimeEntryRecord,
  TimeEntryRepository,
} from '../core/ports/repositories';

/** A time_entries row as SQLite returns it (also read by the export repository). */
export interface EntryRow {
  id: number;
  task_ref: string;
  started_at: number;
  ended_at: number | null;
  note: string | null;
  origin: string;
  checkpoint_at: number;
  created_at: number;
  updated_at: number;
}

interface IdleRow {
  id: number;
  started_at: number;
  ended_at: number;
  reason: string;
  state: string;
  reassigned_to: string | null;
  decided_by: string | null;
  decide_by: number | null;
  decided_at: number | null;
}

const MINUTE_MS = 60_000;
/** Entries longer than this (or running) are "long": see migration 008. */
const LONG_ENTRY_MS = 86_400_000;
const LONG_ENTRY = '(ended_at IS NULL OR ended_at - started_at > 86400000)';

export function toEntry(row: EntryRow): TimeEntryRecord {
  return {
    id: row.id,
    taskRef: row.task_ref,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    note: row.note,
    origin: entryOriginSchema.parse(row.origin),
    checkpointAt: row.checkpoint_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const decidedBySchema = ['user', 'default', 'auto'] as const;
function toDecidedBy(value: string | null): IdleSpanRecord['decidedBy'] {
  if (value === null) return null;
  const found = decidedBySchema.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`corrupt idle span: decided_by ${value}`);
  return found;
}

function toIdleSpan(row: IdleRow): IdleSpanRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    reason: idleReasonSchema.parse(row.reason),
    state: idleStateSchema.parse(row.state),
    reassignedTo: row.reassigned_to,
    decidedBy: toDecidedBy(row.decided_by),
    decideBy: row.decide_by,
    decidedAt: row.decided_at,
  };
}

function createEntryRepository(db: Database.Database): TimeEntryRepository {
  const running = db.prepare<[], EntryRow>('SELECT * FROM time_entries WHERE ended_at IS NULL');
  const get = db.prepare<[number], EntryRow>('SELECT * FROM time_entries WHERE id = ?');
  const insert = db.prepare<[string, number, number | null, string | null, string, number, number, number], EntryRow>(
    `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const update = db.prepare<[string, number, number | null, string | null, number, number], EntryRow>(
    'UPDATE time_entries SET task_ref = ?, started_at = ?, ended_at = ?, note = ?, updated_at = ? WHERE id = ? RETURNING *',
  );
  const remove = db.prepare<[number]>('DELETE FROM time_entries WHERE id = ?');
  const checkpoint = db.prepare<[number, number]>(
    'UPDATE time_entries SET checkpoint_at = max(checkpoint_at, ?) WHERE id = ? AND ended_at IS NULL',
  );
  // Short entries (at most a day) start at most a day before the range: one index seek. Longer ones come from the
  // partial index time_entries_long (migration 008), whose WHERE clause LONG_ENTRY repeats word for word.
  const intersecting = db.prepare<[number, number, number, number, number, number, number], EntryRow>(
    `SELECT * FROM time_entries
      WHERE started_at >= ? AND started_at < ? AND coalesce(ended_at, max(?, started_at)) > ?
     UNION
     SELECT * FROM time_entries
      WHERE ${LONG_ENTRY} AND started_at < ? AND coalesce(ended_at, max(?, started_at)) > ?
     ORDER BY started_at, id`,
  );
  return {
    running: () => {
      const row = running.get();
      return row === undefined ? null : toEntry(row);
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? null : toEntry(row);
    },
    insert: (entry) => {
      const row = insert.get(entry.taskRef, entry.startedAt, entry.endedAt, entry.note, entry.origin, entry.now, entry.now, entry.now);
      if (row === undefined) throw new Error('insert returned no row');
      return toEntry(row);
    },
    update: (id, patch, now) => {
      const current = get.get(id);
      if (current === undefined) throw new Error(`no time entry ${String(id)}`);
      const row = update.get(
        patch.taskRef ?? current.task_ref,
        patch.startedAt ?? current.started_at,
        patch.endedAt === undefined ? current.ended_at : patch.endedAt,
        patch.note === undefined ? current.note : patch.note,
        now,
        id,
      );
      if (row === undefined) throw new Error(`no time entry ${String(id)}`);
      return toEntry(row);
    },
    delete: (id) => {
      remove.run(id);
    },
    checkpoint: (id, at) => {
      checkpoint.run(at, id);
    },
    intersecting: (from, to, runningEnd) => intersecting.all(from - LONG_ENTRY_MS, to, runningEnd, from, to, runningEnd, from).map(toEntry),
  };
}

function createActivityRepository(db: Database.Database): ActivityRepository {
  const add = db.prepare<[number, number, number]>(
    `INSERT INTO activity_minutes (minute_start, active_seconds, keyboard_seconds, mouse_seconds) VALUES (?, 1, ?, ?)
     ON CONFLICT (minute_start) DO UPDATE SET
       active_seconds   = min(60, active_seconds + 1),
       keyboard_seconds = min(60, keyboard_seconds + excluded.keyboard_seconds),
       mouse_seconds    = min(60, mouse_seconds + excluded.mouse_seconds)`,
  );
  // Rows as arrays: a week is 10,000 minutes, and better-sqlite3 builds keyed row objects several times slower.
  const between = db
    .prepare<[number, number], [number, number, number, number]>(
      `SELECT minute_start, active_seconds, keyboard_seconds, mouse_seconds FROM activity_minutes
        WHERE minute_start >= ? AND minute_start < ? ORDER BY minute_start`,
    )
    .raw(true);
  const sum = db.prepare<[number, number], { total: number | null }>(
    'SELECT sum(active_seconds) AS total FROM activity_minutes WHERE minute_start >= ? AND minute_start < ?',
  );
  const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  return {
    addSecond: (second, keyboard, mouse) => {
      const minute = minuteOf(second);
      add.run(minute, keyboard ? 1 : 0, mouse ? 1 : 0);
    },
    between: (from, to) =>
      between.all(minuteOf(from), to).map(([minuteStart, activeSeconds, keyboardSeconds, mouseSeconds]) => ({
        minuteStart,
        activeSeconds,
        keyboardSeconds,
        mouseSeconds,
      })),
    activeSecondsBetween: (from, to) => sum.get(minuteOf(from), to)?.total ?? 0,
  };
}

function createIdleSpanRepository(db: Database.Database): IdleSpanRepository {
  const insert = db.prepare<[number, number, string, string, string | null, number | null, number], IdleRow>(
    `INSERT INTO idle_spans (started_at, ended_at, reason, state, decided_by, decide_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const get = db.prepare<[number], IdleRow>('SELECT * FROM idle_spans WHERE id = ?');
  const pending = db.prepare<[], IdleRow>("SELECT * FROM idle_spans WHERE state = 'pending' ORDER BY started_at, id");
  const resolve = db.prepare<[string, string | null, string, number, number], IdleRow>(
    "UPDATE idle_spans SET state = ?, reassigned_to = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending' RETURNING *",
  );
  const between = db.prepare<[number, number], IdleRow>(
    'SELECT * FROM idle_spans WHERE started_at < ? AND ended_at > ? ORDER BY started_at, id',
  );
  return {
    insert: (span) => {
      const row = insert.get(span.startedAt, span.endedAt, span.reason, span.state, span.decidedBy, span.decideBy, span.now);
      if (row === undefined) throw new Error('insert returned no row');
      return toIdleSpan(row);
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? null : toIdleSpan(row);
    },
    pending: () => pending.all().map(toIdleSpan),
    resolve: (id, resolution) => {
      const row = resolve.get(resolution.state, resolution.reassignedTo, resolution.decidedBy, resolution.decidedAt, id);
      if (row === undefined) throw new Error(`idle span ${String(id)} is not pending`);
      return toIdleSpan(row);
    },
    between: (from, to) => between.all(to, from).map(toIdleSpan),
  };
}

/** The core's Store on one better-sqlite3 connection (prepared statements, synchronous). */
export function createSqliteStore(db: Database.Database): Store {
  return {
    entries: createEntryRepository(db),
    activity: createActivityRepository(db),
    idleSpans: createIdleSpanRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
