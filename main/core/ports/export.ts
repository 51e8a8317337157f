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
  /** How many entries start in [from, to) (for progress). */
  count(from: number, to: number): number;
}

/** Text streamed into an export: a write resolves once the text is accepted (backpressure), not necessarily on disk. */
export interface TextSink {
  write(text: string): Promise<void>;
}

/** An export file being written: appears at its path only on commit (temp file + rename). */
export interface ExportWriter extends TextSink {
  /** Flushes, syncs and renames into place. */
  commit(): Promise<{ readonly path: string; readonly bytes: number }>;
  /** Removes the temp file; nothing is left at the target. */
  abort(): Promise<void>;
}

/**
 * A zip archive being written, one member after the other. Members are streamed straight into the zip: nothing is
 * staged on disk (decrypted screenshots never exist as files). Appears at its path only on commit.
 */
export interface ArchiveWriter {
  /** Streams one text member: `fill` writes it through the sink; resolves once the member is in the zip stream. */
  text(name: string, fill: (sink: TextSink) => Promise<void>): Promise<void>;
  /** One binary member (a decrypted screenshot), stored as is; resolves once it is in the zip stream. */
  bytes(name: string, data: Uint8Array, modifiedAt: number): Promise<void>;
  commit(): Promise<{ readonly path: string; readonly bytes: number }>;
  abort(): Promise<void>;
}

export interface ExportFiles {
  /** Refuses (DomainError invalid_input) a path inside the data directory or in a folder that does not exist. */
  create(path: string): ExportWriter;
  /** The same checks, for a zip archive. */
  createArchive(path: string): ArchiveWriter;
  /** Lets the event loop run (other requests, the tick) between pages of a long export. */
  pause(): Promise<void>;
}
