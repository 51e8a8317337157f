import type { Migration } from '../migrate';

/**
 * Reports read the entries intersecting a range. Entries are short (manual ones at most 24 hours), so a range
 * query can seek by start from a day before it; the few longer ones (the running timer, a timer left on over a
 * night) are found through this small partial index instead of a scan from the first entry ever.
 * The expression must match LONG_ENTRY in sqlite-store.ts word for word for SQLite to use the index.
 */
export const migration008ReportIndexes: Migration = {
  version: 8,
  name: 'report-indexes',
  sql: `
    CREATE INDEX time_entries_long ON time_entries (started_at)
      WHERE ended_at IS NULL OR ended_at - started_at > 86400000;
  `,
};
