import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3, ... with no gaps; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export class SchemaTooNewError extends Error {}

/** The schema version recorded in the database (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  const value: unknown = db.pragma('user_version', { simple: true });
  return typeof value === 'number' ? value : 0;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with the version bump,
 * so a crash leaves the database at a whole version. Refuses a database written by a newer Clockhand.
 */
export function migrate(db: Database.Database, all: readonly Migration[]): number {
  all.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${migration.name} has version ${String(migration.version)}, expected ${String(index + 1)}`);
    }
  });
  const current = schemaVersion(db);
  const latest = all.length;
  if (current > latest) {
    throw new SchemaTooNewError(
      `the database has schema version ${String(current)} but this Clockhand knows only up to ${String(latest)}: update Clockhand`,
    );
  }
  for (const migration of all.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${String(migration.version)}`);
    }).immediate();
  }
  return schemaVersion(db);
}
