import type Database from 'better-sqlite3';
import type { RetentionResult, TimeRetentionRepository } from '../core/ports/retention';

/** Retention straight on the tables: no outbox rows are planned, so nothing is deleted at the vendors. */
export function createTimeRetentionRepository(db: Database.Database): TimeRetentionRepository {
  const oldEntries = `SELECT id FROM time_entries WHERE ended_at IS NOT NULL AND ended_at < @cutoff`;
  const unsynced = `SELECT entry_id FROM sync_items WHERE state <> 'done'`;
  const keptForSync = db.prepare<{ cutoff: number }, { n: number }>(`SELECT count(*) AS n FROM (${oldEntries}) WHERE id IN (${unsynced})`);
  const deleteSyncItems = db.prepare<{ cutoff: number }>(
    `DELETE FROM sync_items WHERE state = 'done' AND entry_id IN (${oldEntries}) AND entry_id NOT IN (${unsynced})`,
  );
  const deleteEntries = db.prepare<{ cutoff: number }>(
    `DELETE FROM time_entries WHERE ended_at IS NOT NULL AND ended_at < @cutoff AND id NOT IN (${unsynced})`,
  );
  const deleteMinutes = db.prepare<{ cutoff: number }>('DELETE FROM activity_minutes WHERE minute_start <= @cutoff - 60000');
  const deleteIdle = db.prepare<{ cutoff: number }>(`DELETE FROM idle_spans WHERE ended_at < @cutoff AND state <> 'pending'`);
  const deleteStandups = db.prepare<{ cutoff: number }>(
    `DELETE FROM standups WHERE created_at < @cutoff AND state NOT IN ('pending', 'in_flight', 'needs_reauth')`,
  );
  const run = db.transaction((cutoff: number): RetentionResult => {
    const kept = keptForSync.get({ cutoff })?.n ?? 0;
    const syncItems = deleteSyncItems.run({ cutoff }).changes;
    const entries = deleteEntries.run({ cutoff }).changes;
    const activityMinutes = deleteMinutes.run({ cutoff }).changes;
    const idleSpans = deleteIdle.run({ cutoff }).changes;
    const standups = deleteStandups.run({ cutoff }).changes;
    return { entries, activityMinutes, idleSpans, syncItems, standups, keptForSync: kept };
  });
  return { deleteBefore: (cutoff) => run(cutoff) };
}
