import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentInfo } from '../../main/core/engine';
import type { Logger } from '../../main/core/ports/logger';
import { systemClock } from '../../main/adapters/node/system-clock';
import { openDatabase } from '../../main/store/database';

/** What the in-process rigs (sync, standup) build the real core on. */
export interface RigBase {
  /** A new temporary data directory, with the SQLite file in it. */
  readonly dataDir: string;
  readonly db: Database.Database;
  /** Every line logged, as `<level> <message> <fields as JSON>`. */
  readonly logs: string[];
  readonly logger: Logger;
  /** The core's own account of itself: an agent in this process. */
  readonly agent: AgentInfo;
  /** Closes the database and deletes the data directory. */
  remove(): void;
}

export function startRigBase(tempPrefix: string): RigBase {
  const dataDir = mkdtempSync(join(tmpdir(), tempPrefix));
  const db = openDatabase(join(dataDir, 'clockhand.sqlite'));
  const logs: string[] = [];
  const log =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
  return {
    dataDir,
    db,
    logs,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    agent: { pid: process.pid, version: 'test', face: 'agent', dataDir, startedAt: systemClock.now() },
    remove: () => {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
