import type { EntryCursor, ExportEntrySource, TextSink } from '../ports/export';
import { CSV_HEADER, csvEntry, exportedEntry, JSON_TAIL, jsonHead } from './export-format';

/** Entries read per page: the export holds one page in memory, whatever the size of the data set. */
export const EXPORT_PAGE = 1_000;

export interface EntryStream {
  readonly format: 'csv' | 'json';
  readonly range: { readonly start: number; readonly end: number };
  /** The local days asked for, as the JSON file records them. */
  readonly days: { readonly from: string | null; readonly to: string | null };
  readonly now: number;
}

/**
 * Writes the entries of a range as CSV or JSON, page by page, letting the event loop run between pages
 * (`pause`) so a long export never holds the agent for more than one page. Returns the number of entries.
 */
export async function writeEntries(
  stream: EntryStream,
  source: ExportEntrySource,
  sink: TextSink,
  pause: () => Promise<void>,
  onPage: (entries: number) => void,
): Promise<number> {
  const { format, range, now } = stream;
  await sink.write(format === 'csv' ? CSV_HEADER : jsonHead(now, stream.days.from, stream.days.to));
  let count = 0;
  let after: EntryCursor | null = null;
  for (;;) {
    const page = source.page(range.start, range.end, after, EXPORT_PAGE);
    if (page.length === 0) break;
    const chunks: string[] = [];
    for (const entry of page) {
      const exported = exportedEntry(entry, now);
      switch (format) {
        case 'csv':
          chunks.push(csvEntry(exported));
          break;
        case 'json':
          chunks.push((count === 0 && chunks.length === 0 ? '' : ',\n') + JSON.stringify(exported));
          break;
      }
    }
    await sink.write(chunks.join(''));
    count += page.length;
    onPage(page.length);
    const last = page[page.length - 1];
    if (last === undefined || page.length < EXPORT_PAGE) break;
    after = { startedAt: last.startedAt, id: last.id };
    await pause();
  }
  if (format === 'json') await sink.write(JSON_TAIL);
  return count;
}
