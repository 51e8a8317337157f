import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

export interface OpenDatabaseOptions {
  /** Path to a specific better-sqlite3 build (the Electron-ABI one inside the app). */
  readonly nativeBinding?: string;
}

export class DatabaseOpenError extends Error {}

/**
 * Opens (creating if needed) the Clockhand database and brings its schema up to date.
 * WAL journal, synchronous NORMAL (no committed row lost on kill -9; see platform.md), foreign keys on.
 * Any failure becomes one DatabaseOpenError whose message names the file.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`cannot open the Clockhand database ${path}: ${reason}`);
  }
}

/** PRAGMA integrity_check: 'ok' or the first problems found. */
export function integrityCheck(db: Database.Database): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join('; ');
}
