import type Database from 'better-sqlite3';
import type { EntryCursor, ExportEntrySource } from '../core/ports/export';
import type { TimeEntryRecord } from '../core/ports/repositories';
import { toEntry, type EntryRow } from './sqlite-store';

const COLUMNS = 'id, task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at';

/** Keyset pagination over time_entries by (started_at, id): each page is one indexed range read. */
export function createExportEntrySource(db: Database.Database): ExportEntrySource {
  const first = db.prepare<[number, number, number], EntryRow>(
    `SELECT ${COLUMNS} FROM time_entries WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id LIMIT ?`,
  );
  const next = db.prepare<[number, number, number, number, number, number], EntryRow>(
    `SELECT ${COLUMNS} FROM time_entries
      WHERE started_at >= ? AND started_at < ? AND (started_at > ? OR (started_at = ? AND id > ?))
      ORDER BY started_at, id LIMIT ?`,
  );
  const count = db.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM time_entries WHERE started_at >= ? AND started_at < ?',
  );
  return {
    count: (from, to) => count.get(from, to)?.n ?? 0,
    page(from: number, to: number, after: EntryCursor | null, limit: number): TimeEntryRecord[] {
      const rows = after === null ? first.all(from, to, limit) : next.all(from, to, after.startedAt, after.startedAt, after.id, limit);
      return rows.map(toEntry);
    },
  };
}
