/** What one retention pass removed. */
export interface RetentionResult {
  readonly entries: number;
  readonly activityMinutes: number;
  readonly idleSpans: number;
  readonly syncItems: number;
  /** Standups (composed from the tracked time) of days before the cutoff; one still being posted stays. */
  readonly standups: number;
  /** Old entries kept because their sync to a vendor is not done yet. */
  readonly keptForSync: number;
}

/**
 * Deletes old time data straight in the repository layer: NOT through the observed entries repository, whose deletes
 * the outbox mirrors to the vendors (retention never deletes a worklog at Jira, Tempo or Asana).
 */
export interface TimeRetentionRepository {
  /**
   * In one transaction: finished entries that ended before `cutoff` and have no sync row other than `done` (with
   * those done rows), activity minutes before `cutoff`, decided idle spans that ended before `cutoff`, and standups
   * created before `cutoff` that are not in the middle of being posted.
   */
  deleteBefore(cutoff: number): RetentionResult;
}
