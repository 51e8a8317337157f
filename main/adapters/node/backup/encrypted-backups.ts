import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupInfo, Backups } from '../../../core/ports/backups';
import type { Logger } from '../../../core/ports/logger';
import type { SecretStore } from '../../../core/ports/secret-store';
import { PARTIAL_SUFFIX } from '../write-file-atomic';
import { sealBackupFile } from './backup-file-crypto';
import { backupKey } from './backup-key';

export const BACKUPS_DIR = 'backups';
const SUFFIX = '.chbk';
const ID = /^\d{8}-\d{6}(-\d{1,3})?$/;
/** Plaintext work files: removed in a finally, and swept on every backup in case a crash left one. */
const WORK_PREFIX = '.work-';

export function isBackupId(text: string): boolean {
  return ID.test(text);
}

export function backupPath(dataDir: string, id: string): string {
  return join(dataDir, BACKUPS_DIR, `${id}${SUFFIX}`);
}

/** A plaintext work file in the backups folder (owner-only); callers delete it in a finally. */
export function workFile(dataDir: string): string {
  const dir = join(dataDir, BACKUPS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${WORK_PREFIX}${randomBytes(8).toString('hex')}.db`);
}

/** Deletes a work file with any journal SQLite kept beside it. */
export function removeWorkFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Deletes what a crash may have left behind: plaintext work files, and the temp files of a backup or a restore that
 * was being written (".<name>.<random>.partial": never counted as a backup).
 */
export function sweepWorkFiles(dataDir: string): void {
  const dir = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (isLeftover(name)) rmSync(join(dir, name), { force: true });
}

/** Backups in the data directory, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(SUFFIX) && ID.test(name.slice(0, -SUFFIX.length)))
    .map((name) => {
      const id = name.slice(0, -SUFFIX.length);
      const stat = statSync(join(dir, name));
      return { id, createdAt: createdAtOf(id) ?? stat.mtimeMs, bytes: stat.size };
    })
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Online backup with better-sqlite3's backup API into a plaintext work file (owner-only, deleted in a finally),
 * encrypted with AES-256-GCM under the keychain's backup key into <dataDir>/backups/<id>.chbk a chunk at a time (memory
 * does not grow with the database), then the oldest beyond `keep` are deleted. The .chbk appears only complete and
 * fsynced; a backup that fails deletes nothing.
 */
export async function createBackup(
  db: Database.Database,
  dataDir: string,
  secrets: SecretStore,
  keep: number,
  now: number,
): Promise<BackupInfo> {
  const key = await backupKey(secrets, true);
  if (key === null) throw new Error('no backup key');
  sweepWorkFiles(dataDir);
  const id = freeId(dataDir, now);
  const work = workFile(dataDir);
  try {
    await db.backup(work);
    await sealBackupFile(key, id, work, backupPath(dataDir, id));
  } finally {
    removeWorkFile(work);
    key.fill(0);
  }
  for (const old of listBackups(dataDir).slice(keep)) rmSync(backupPath(dataDir, old.id), { force: true });
  const made = listBackups(dataDir).find((backup) => backup.id === id);
  if (made === undefined) throw new Error(`backup ${id} was not kept`);
  return made;
}

/** The Backups port for the running agent or app. */
export function createEncryptedBackups(
  db: Database.Database,
  dataDir: string,
  secrets: SecretStore,
  logger: Logger,
  now: () => number,
): Backups {
  // A restore killed mid-way leaves plaintext it had not yet authenticated: gone when the agent or app starts, not at
  // the next daily backup.
  sweepWorkFiles(dataDir);
  return {
    create: async (keep) => {
      const made = await createBackup(db, dataDir, secrets, keep, now());
      logger.info('backup created', { id: made.id, bytes: made.bytes, keep });
      return made;
    },
    list: () => listBackups(dataDir),
  };
}

function isLeftover(name: string): boolean {
  return name.startsWith(WORK_PREFIX) || (name.startsWith('.') && name.endsWith(PARTIAL_SUFFIX));
}

function freeId(dataDir: string, now: number): string {
  const base = idOf(now);
  const taken = new Set(listBackups(dataDir).map((backup) => backup.id));
  if (!taken.has(base)) return base;
  for (let n = 1; n < 1000; n += 1) if (!taken.has(`${base}-${String(n)}`)) return `${base}-${String(n)}`;
  throw new Error('too many backups in one second');
}

function idOf(now: number): string {
  const d = new Date(now);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function createdAtOf(id: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(id);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}
