import type { TimeEntryRecord } from './repositories';

/** Where the keyset pagination of an export stands: the last entry written. */
export interface EntryCursor {
  readonly startedAt: number;
  readonly id: number;
}

/** Time entries read in pages for an export, never the whole data set at once. */
export interface ExportEntrySource {
  /** Up to `limit` entries starting in [from, to), ordered by (startedAt, id), strictly after `after`. */
  page(from: number, to: number, after: EntryCursor | null, limit: number): TimeEntryRecord[];
}

/** An export file being written: appears at its path only on commit (temp file + rename). */
export interface ExportWriter {
  write(text: string): void;
  /** Flushes, syncs and renames into place. */
  commit(): { readonly path: string; readonly bytes: number };
  /** Removes the temp file; nothing is left at the target. */
  abort(): void;
}

export interface ExportFiles {
  /** Refuses (DomainError invalid_input) a path inside the data directory or in a folder that does not exist. */
  create(path: string): ExportWriter;
}
