import { z } from 'zod';

/**
 * The JSON export, version 1 (docs/export.md). A file Clockhand writes with `clockhand export --format json`;
 * readers check `format` and `version` before anything else.
 */
export const EXPORT_FORMAT = 'clockhand-export';
export const EXPORT_VERSION = 1;

/** Local ISO-8601 with the offset, e.g. 2026-11-22T09:30:00.000+01:00. */
const localIso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/, 'expected local ISO-8601 with offset');

export const exportedEntrySchema = z
  .object({
    id: z.number().int().positive(),
    taskRef: z.string().min(1),
    start: localIso,
    /** null: the timer was still running at export time. */
    end: localIso.nullable(),
    durationSeconds: z.number().int().nonnegative(),
    note: z.string().nullable(),
    origin: z.enum(['timer', 'manual', 'idle']),
  })
  .strict();

export const exportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: localIso,
    /** The local days asked for (YYYY-MM-DD, both included), or null for everything. */
    from: z.string().nullable(),
    to: z.string().nullable(),
    entries: z.array(exportedEntrySchema),
  })
  .strict();

export type ExportedEntry = z.infer<typeof exportedEntrySchema>;
export type ExportFile = z.infer<typeof exportFileSchema>;

/** The CSV columns, in order. */
export const CSV_COLUMNS = ['id', 'task_ref', 'start', 'end', 'duration_seconds', 'note', 'origin'] as const;

/** The zip archive, version 1 (docs/export.md): `clockhand export --format archive`. manifest.json describes it. */
export const ARCHIVE_FORMAT = 'clockhand-archive';
export const ARCHIVE_VERSION = 1;

/** One row of screenshots.json: `file` is the PNG inside the archive, or null with the `problem` that kept it out. */
export const archivedScreenshotSchema = z
  .object({
    id: z.string(),
    capturedAt: localIso,
    display: z.string(),
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    blurred: z.boolean(),
    entryId: z.number().int().nullable(),
    taskRef: z.string().nullable(),
    file: z.string().nullable(),
    problem: z.string().nullable(),
  })
  .strict();

export const archiveManifestSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    version: z.literal(ARCHIVE_VERSION),
    exportedAt: localIso,
    from: z.string().nullable(),
    to: z.string().nullable(),
    counts: z
      .object({
        entries: z.number().int().nonnegative(),
        screenshots: z.number().int().nonnegative(),
        screenshotsNotIncluded: z.number().int().nonnegative(),
        policyChanges: z.number().int().nonnegative(),
        connections: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict();

export type ArchivedScreenshot = z.infer<typeof archivedScreenshotSchema>;
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
