import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SecretStore } from '../../../core/ports/secret-store';
import { integrityCheck, openDatabase } from '../../../store/database';
import { migrations } from '../../../store/migrations';
import { schemaVersion } from '../../../store/migrate';
import { DATABASE_FILE } from '../data-dir';
import { BackupCorruptError } from './backup-crypto';
import { openBackupFile } from './backup-file-crypto';
import { backupKey } from './backup-key';
import { backupPath, isBackupId, removeWorkFile, sweepWorkFiles, workFile } from './encrypted-backups';

/** Tables every Clockhand database has: a backup without them is not ours. */
const OUR_TABLES = ['time_entries', 'activity_minutes', 'idle_spans', 'settings'] as const;
const DB_FILES = ['', '-wal', '-shm'] as const;
const ASIDE = '.before-restore';

export class RestoreError extends Error {}

/**
 * Replaces the database with a backup. The caller holds the agent lock (restore is refused while an agent or the app
 * runs). The backup is decrypted a chunk at a time to a work file, which exists only once the whole backup
 * authenticated, and validated (integrity check, schema version not newer than this Clockhand, our tables present)
 * before anything is replaced; the current database is kept aside until the restored one opens (and is put back if it
 * does not). The plaintext work file never stays on disk.
 */
export async function restoreBackup(dataDir: string, id: string, secrets: SecretStore): Promise<{ id: string; schemaVersion: number }> {
  if (!isBackupId(id)) throw new RestoreError(`"${id.slice(0, 40)}" is not a backup id (see clockhand backup list)`);
  const source = backupPath(dataDir, id);
  if (!existsSync(source)) throw new RestoreError(`there is no backup ${id} (see clockhand backup list)`);
  const key = await backupKey(secrets, false);
  if (key === null) throw new RestoreError('the keychain holds no backup key: this backup cannot be decrypted');
  sweepWorkFiles(dataDir);
  const work = workFile(dataDir);
  const live = join(dataDir, DATABASE_FILE);
  try {
    try {
      await openBackupFile(key, id, source, work);
    } catch (error) {
      if (error instanceof BackupCorruptError) throw new RestoreError(`${error.message}; nothing was changed`);
      throw error;
    }
    const version = validate(work, id);
    for (const suffix of ['-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
    for (const suffix of DB_FILES) rmSync(`${live}${ASIDE}${suffix}`, { force: true });
    for (const suffix of DB_FILES) if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, `${live}${ASIDE}${suffix}`);
    renameSync(work, live);
    try {
      const db = openDatabase(live);
      const check = integrityCheck(db);
      db.close();
      if (check !== 'ok') throw new Error(`integrity check: ${check}`);
    } catch (error) {
      for (const suffix of DB_FILES) rmSync(`${live}${suffix}`, { force: true });
      for (const suffix of DB_FILES) if (existsSync(`${live}${ASIDE}${suffix}`)) renameSync(`${live}${ASIDE}${suffix}`, `${live}${suffix}`);
      throw new RestoreError(
        `the restored database did not open (${error instanceof Error ? error.message : String(error)}); the previous one is back in place`,
      );
    }
    for (const suffix of DB_FILES) rmSync(`${live}${ASIDE}${suffix}`, { force: true });
    return { id, schemaVersion: version };
  } finally {
    removeWorkFile(work);
    key.fill(0);
  }
}

function validate(path: string, id: string): number {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const check = integrityCheck(db);
    if (check !== 'ok') throw new RestoreError(`backup ${id} fails the integrity check (${check.slice(0, 200)}); nothing was changed`);
    const version = schemaVersion(db);
    if (version > migrations.length) {
      throw new RestoreError(
        `backup ${id} has schema version ${String(version)}, newer than this Clockhand (${String(migrations.length)}): update Clockhand; nothing was changed`,
      );
    }
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name),
    );
    const missing = OUR_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0)
      throw new RestoreError(`backup ${id} is not a Clockhand database (no ${missing.join(', ')}); nothing was changed`);
    return version;
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(
      `backup ${id} is not a readable database (${error instanceof Error ? error.message : String(error)}); nothing was changed`,
    );
  } finally {
    db?.close();
  }
}
