import { existsSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SecretStore } from '../../core/ports/secret-store';
import { SCREENSHOTS_DIR } from './screenshots/encrypted-vault';
import { controlSocketPath, DATABASE_FILE, LOCK_FILE } from './data-dir';
import { BACKUPS_DIR } from './backup/encrypted-backups';

/** Everything Clockhand ever writes in a data directory (files and folders), by name. */
export const OWN_ENTRIES = [
  DATABASE_FILE,
  `${DATABASE_FILE}-wal`,
  `${DATABASE_FILE}-shm`,
  `${DATABASE_FILE}-journal`,
  SCREENSHOTS_DIR,
  BACKUPS_DIR,
  `${DATABASE_FILE}.before-restore`,
  `${DATABASE_FILE}.before-restore-wal`,
  `${DATABASE_FILE}.before-restore-shm`,
  'logs',
  LOCK_FILE,
  `${LOCK_FILE}-journal`,
  `${LOCK_FILE}-wal`,
  `${LOCK_FILE}-shm`,
  'agent.sock',
] as const;

export interface EraseReport {
  /** Keychain accounts deleted under the Clockhand service. */
  readonly secrets: number;
  /** Entries of the data directory removed (names relative to it). */
  readonly removed: string[];
  /** Whether the data directory itself is gone (it is kept when it holds files that are not ours). */
  readonly dataDirRemoved: boolean;
}

export class EraseError extends Error {}

/**
 * Deletes every keychain entry of the Clockhand service and every file Clockhand keeps in the data directory, then
 * the directory itself when nothing else is in it. The caller holds (or held) the agent lock: nothing is writing.
 * Idempotent. Files are removed even when the keychain is unavailable; that is then reported as an EraseError.
 */
export async function eraseEverything(dataDir: string, secrets: SecretStore): Promise<EraseReport> {
  let secretProblem: string | null = null;
  let deleted = 0;
  try {
    for (const account of await secrets.accounts()) {
      if (await secrets.delete(account)) deleted += 1;
    }
  } catch (error) {
    secretProblem = error instanceof Error ? error.message : String(error);
  }
  const removed = eraseFiles(dataDir);
  const dataDirRemoved = removeIfEmpty(dataDir);
  if (secretProblem !== null) {
    throw new EraseError(`the data files are deleted, but the keychain entries could not be: ${secretProblem}`);
  }
  return { secrets: deleted, removed, dataDirRemoved };
}

/** Removes our files from the data directory (and a control socket kept in the temp directory). */
export function eraseFiles(dataDir: string): string[] {
  const removed: string[] = [];
  for (const name of OWN_ENTRIES) {
    const path = join(dataDir, name);
    if (existsSync(path)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    }
  }
  if (process.platform !== 'win32') rmSync(controlSocketPath(dataDir), { force: true });
  return removed;
}

function removeIfEmpty(dataDir: string): boolean {
  try {
    if (readdirSync(dataDir).length > 0) return false;
    rmdirSync(dataDir);
    return true;
  } catch (error) {
    // Gone already (the CLI and a stopping agent may both be erasing), or someone's file appeared meanwhile.
    if (!existsSync(dataDir)) return true;
    if (error instanceof Error && 'code' in error && error.code === 'ENOTEMPTY') return false;
    throw error;
  }
}

/** Everything left in the data directory (paths relative to it, walked recursively): after an erase, nothing. */
export function leftovers(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      found.push(relative(dataDir, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dataDir);
  return found;
}
