import type { ConnectionDto, PolicyChangeDto } from '../../../common/dto';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type ArchiveManifest, type ArchivedScreenshot } from '../../../common/export-schema';
import { formatLocalIso } from '../../../common/local-time';
import type { ArchiveWriter, ExportEntrySource } from '../ports/export';
import type { OpenResult, ScreenshotRecord } from '../ports/screenshots';
import { writeEntries, type EntryStream } from './export-entries';

/** What the archive takes besides the entries. Connections come without secrets (there are none in them). */
export interface ArchiveSources {
  readonly screenshots: {
    list(from: number, to: number): ScreenshotRecord[];
    /** Decrypts in memory; the pixels go straight into the zip stream. */
    openForArchive(record: ScreenshotRecord): Promise<OpenResult>;
  } | null;
  readonly policyHistory: () => PolicyChangeDto[];
  readonly connections: () => ConnectionDto[];
}

export const noArchiveSources: ArchiveSources = { screenshots: null, policyHistory: () => [], connections: () => [] };

export interface ArchiveProgress {
  phase(name: string, total?: number): void;
  step(count: number): void;
}

/**
 * The members of a full archive, in order: entries.json, entries.csv, screenshots/<day>/<id>.png with
 * screenshots.json, policy-history.json, connections.json, and manifest.json with the counts (docs/export.md).
 */
export async function writeArchive(
  zip: ArchiveWriter,
  stream: Omit<EntryStream, 'format'>,
  entries: ExportEntrySource,
  sources: ArchiveSources,
  pause: () => Promise<void>,
  progress: ArchiveProgress,
): Promise<{ entries: number; screenshots: number }> {
  let count = 0;
  progress.phase('entries.json');
  await zip.text('entries.json', async (sink) => {
    count = await writeEntries({ ...stream, format: 'json' }, entries, sink, pause, (n) => {
      progress.step(n);
    });
  });
  progress.phase('entries.csv');
  await zip.text('entries.csv', async (sink) => {
    await writeEntries({ ...stream, format: 'csv' }, entries, sink, pause, (n) => {
      progress.step(n);
    });
  });
  const records = sources.screenshots?.list(stream.range.start, stream.range.end) ?? [];
  progress.phase('screenshots');
  const listed: ArchivedScreenshot[] = [];
  for (const record of records) {
    const opened = await openSafely(sources, record);
    const file = opened.ok ? `screenshots/${record.day}/${record.id}.png` : null;
    if (opened.ok && file !== null) await zip.bytes(file, opened.png, record.capturedAt);
    listed.push({
      id: record.id,
      capturedAt: formatLocalIso(record.capturedAt),
      display: record.display,
      width: record.width,
      height: record.height,
      blurred: record.blurred,
      entryId: record.entryId,
      taskRef: record.taskRef,
      file,
      problem: opened.ok ? null : opened.message,
    });
    progress.step(1);
  }
  const included = listed.filter((s) => s.file !== null).length;
  await json(zip, 'screenshots.json', listed);
  progress.phase('policy and connections');
  const policyHistory = sources.policyHistory();
  const connections = sources.connections();
  await json(zip, 'policy-history.json', policyHistory);
  await json(zip, 'connections.json', connections);
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: formatLocalIso(stream.now),
    from: stream.days.from,
    to: stream.days.to,
    counts: {
      entries: count,
      screenshots: included,
      screenshotsNotIncluded: listed.length - included,
      policyChanges: policyHistory.length,
      connections: connections.length,
    },
  };
  await json(zip, 'manifest.json', manifest);
  return { entries: count, screenshots: included };
}

async function openSafely(sources: ArchiveSources, record: ScreenshotRecord): Promise<OpenResult | { ok: false; message: string }> {
  if (sources.screenshots === null) return { ok: false, message: 'screenshots are not available in this face' };
  try {
    return await sources.screenshots.openForArchive(record);
  } catch (error) {
    // No keychain, a worker that died: the archive still holds everything else, and says what is missing.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function json(zip: ArchiveWriter, name: string, value: unknown): Promise<void> {
  await zip.text(name, (sink) => sink.write(`${JSON.stringify(value, null, 2)}\n`));
}
