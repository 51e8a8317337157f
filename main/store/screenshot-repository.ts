import type Database from 'better-sqlite3';
import type { DayKeyRepository, ScreenshotRecord, ScreenshotRepository } from '../core/ports/screenshots';

interface Row {
  id: string;
  captured_at: number;
  day: string;
  display: string;
  width: number;
  height: number;
  blurred: number;
  bytes: number;
  entry_id: number | null;
  task_ref: string | null;
  state: string;
}

function toRecord(row: Row): ScreenshotRecord {
  if (row.state !== 'ok' && row.state !== 'tampered') throw new Error(`corrupt screenshot row: state ${row.state}`);
  return {
    id: row.id,
    capturedAt: row.captured_at,
    day: row.day,
    display: row.display,
    width: row.width,
    height: row.height,
    blurred: row.blurred === 1,
    bytes: row.bytes,
    entryId: row.entry_id,
    taskRef: row.task_ref,
    state: row.state,
  };
}

export function createScreenshotRepository(db: Database.Database): ScreenshotRepository {
  const insert = db.prepare<[string, number, string, string, number, number, number, number, number | null, string | null, string]>(
    `INSERT INTO screenshots (id, captured_at, day, display, width, height, blurred, bytes, entry_id, task_ref, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM screenshots WHERE id = ?');
  const between = db.prepare<[number, number], Row>(
    'SELECT * FROM screenshots WHERE captured_at >= ? AND captured_at < ? ORDER BY captured_at, display',
  );
  const before = db.prepare<[number], Row>('SELECT * FROM screenshots WHERE captured_at < ? ORDER BY captured_at');
  const remove = db.prepare<[string]>('DELETE FROM screenshots WHERE id = ?');
  const tampered = db.prepare<[string]>("UPDATE screenshots SET state = 'tampered' WHERE id = ?");
  const optIn = db.prepare<[], { enabled: number }>('SELECT enabled FROM screenshot_opt_in WHERE id = 1');
  const setOptIn = db.prepare<[number, number]>(
    `INSERT INTO screenshot_opt_in (id, enabled, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  return {
    insert: (r) => {
      insert.run(r.id, r.capturedAt, r.day, r.display, r.width, r.height, r.blurred ? 1 : 0, r.bytes, r.entryId, r.taskRef, r.state);
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? null : toRecord(row);
    },
    between: (from, to) => between.all(from, to).map(toRecord),
    before: (instant) => before.all(instant).map(toRecord),
    delete: (id) => {
      remove.run(id);
    },
    markTampered: (id) => {
      tampered.run(id);
    },
    optIn: () => optIn.get()?.enabled === 1,
    setOptIn: (enabled, at) => {
      setOptIn.run(enabled ? 1 : 0, at);
    },
  };
}

/**
 * Day keys, wrapped. Deleting one must leave no copy in the file: secure_delete zeroes the freed content and a
 * truncating checkpoint empties the write-ahead log, which would otherwise still hold the old page.
 */
export function createDayKeyRepository(db: Database.Database): DayKeyRepository {
  db.pragma('secure_delete = ON');
  const get = db.prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM screenshot_day_keys WHERE day = ?');
  const insert = db.prepare<[string, Buffer, number]>(
    'INSERT INTO screenshot_day_keys (day, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING',
  );
  const before = db.prepare<[string], { day: string }>('SELECT day FROM screenshot_day_keys WHERE day < ? ORDER BY day');
  const remove = db.prepare<[string]>('DELETE FROM screenshot_day_keys WHERE day = ?');
  const read = (day: string): Uint8Array | null => {
    const row = get.get(day);
    return row === undefined ? null : new Uint8Array(row.wrapped);
  };
  return {
    get: read,
    insert: (day, wrapped, at) => {
      insert.run(day, Buffer.from(wrapped), at);
      const stored = read(day);
      if (stored === null) throw new Error(`day key for ${day} was not stored`);
      return stored;
    },
    daysBefore: (day) => before.all(day).map((row) => row.day),
    delete: (day) => {
      remove.run(day);
      if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
