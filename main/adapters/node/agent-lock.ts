import Database from 'better-sqlite3';
import { join } from 'node:path';
import { LOCK_FILE } from './data-dir';

export interface AgentLock {
  release(): void;
}

/**
 * One agent (or app) per data directory. The lock is an exclusive SQLite transaction on a lock file: the operating
 * system drops it when the process dies, even by kill -9, so there is never a stale lock to clean up.
 * Returns null when another process holds it.
 */
export function acquireAgentLock(dataDir: string, nativeBinding?: string): AgentLock | null {
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0, ...(nativeBinding !== undefined && { nativeBinding }) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) return null;
    throw error;
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}
