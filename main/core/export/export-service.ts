import { dayRange, parseCalendarDate, type CalendarDate } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { EntryCursor, ExportEntrySource, ExportFiles } from '../ports/export';
import { CSV_HEADER, csvEntry, exportedEntry, JSON_TAIL, jsonHead } from './export-format';

export type ExportFormat = 'csv' | 'json';

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly out: string;
  /** Local days YYYY-MM-DD, both included; none: everything. */
  readonly from?: string;
  readonly to?: string;
}

export interface ExportResult {
  readonly path: string;
  readonly entries: number;
  readonly bytes: number;
}

/** Entries read per page: the export holds one page in memory, whatever the size of the data set. */
export const EXPORT_PAGE = 1_000;

/** Streams time entries to a CSV or JSON file, page by page. The file appears only once complete. */
export class ExportService {
  constructor(
    private readonly source: ExportEntrySource,
    private readonly files: ExportFiles,
    private readonly clock: Clock,
  ) {}

  export(request: ExportRequest): ExportResult {
    const range = rangeOf(request.from, request.to);
    const now = this.clock.now();
    const writer = this.files.create(request.out);
    let count = 0;
    try {
      const days = { from: request.from ?? request.to ?? null, to: request.to ?? request.from ?? null };
      writer.write(request.format === 'csv' ? CSV_HEADER : jsonHead(now, days.from, days.to));
      let after: EntryCursor | null = null;
      for (;;) {
        const page = this.source.page(range.start, range.end, after, EXPORT_PAGE);
        if (page.length === 0) break;
        const chunks: string[] = [];
        for (const entry of page) {
          const exported = exportedEntry(entry, now);
          switch (request.format) {
            case 'csv':
              chunks.push(csvEntry(exported));
              break;
            case 'json':
              chunks.push((count === 0 && chunks.length === 0 ? '' : ',\n') + JSON.stringify(exported));
              break;
          }
        }
        writer.write(chunks.join(''));
        count += page.length;
        const last = page[page.length - 1];
        if (last === undefined || page.length < EXPORT_PAGE) break;
        after = { startedAt: last.startedAt, id: last.id };
      }
      if (request.format === 'json') writer.write(JSON_TAIL);
      const done = writer.commit();
      return { path: done.path, entries: count, bytes: done.bytes };
    } catch (error) {
      writer.abort();
      throw error;
    }
  }
}

function rangeOf(from: string | undefined, to: string | undefined): { start: number; end: number } {
  if (from === undefined && to === undefined) return { start: Number.MIN_SAFE_INTEGER, end: Number.MAX_SAFE_INTEGER };
  const first = day(from ?? to ?? '');
  const last = day(to ?? from ?? '');
  const range = { start: dayRange(first).start, end: dayRange(last).end };
  if (range.end <= range.start) throw new DomainError('invalid_input', '--to must not be before --from');
  return range;
}

function day(text: string): CalendarDate {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.message);
  return parsed.value;
}
