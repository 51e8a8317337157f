import type { ExportProgressDto } from '../../../common/dto';
import { dayRange, formatLocalIso, parseCalendarDate, type CalendarDate } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { ExportEntrySource, ExportFiles } from '../ports/export';
import { noArchiveSources, writeArchive, type ArchiveSources } from './archive-contents';
import { writeEntries } from './export-entries';

export { EXPORT_PAGE } from './export-entries';

export type ExportFormat = 'csv' | 'json' | 'archive';

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
  /** Archive only: the decrypted screenshots it holds. */
  readonly screenshots?: number;
}

interface Running {
  readonly format: ExportFormat;
  readonly startedAt: number;
  phase: string;
  done: number;
  total: number;
}

/**
 * Streams time entries to a CSV or JSON file, or everything to a zip archive, page by page, yielding to the event
 * loop between pages. The file appears only once complete. One export at a time; progress() tells how far it is.
 */
export class ExportService {
  private running: Running | null = null;

  constructor(
    private readonly source: ExportEntrySource,
    private readonly files: ExportFiles,
    private readonly clock: Clock,
    private readonly archive: ArchiveSources = noArchiveSources,
  ) {}

  progress(): ExportProgressDto {
    const run = this.running;
    if (run === null) return { running: false, format: null, phase: null, done: 0, total: 0, startedAt: null };
    return {
      running: true,
      format: run.format,
      phase: run.phase,
      done: run.done,
      total: run.total,
      startedAt: formatLocalIso(run.startedAt),
    };
  }

  async export(request: ExportRequest): Promise<ExportResult> {
    if (this.running !== null) throw new DomainError('conflict', 'an export is already running: wait for it to finish');
    const range = rangeOf(request.from, request.to);
    const now = this.clock.now();
    const days = { from: request.from ?? request.to ?? null, to: request.to ?? request.from ?? null };
    const entryCount = this.source.count(range.start, range.end);
    const run: Running = { format: request.format, startedAt: now, phase: 'entries', done: 0, total: entryCount };
    this.running = run;
    const step = (n: number): void => {
      run.done += n;
    };
    const pause = (): Promise<void> => this.files.pause();
    try {
      switch (request.format) {
        case 'csv':
        case 'json': {
          const writer = this.files.create(request.out);
          try {
            const entries = await writeEntries({ format: request.format, range, days, now }, this.source, writer, pause, step);
            const done = await writer.commit();
            return { path: done.path, entries, bytes: done.bytes };
          } catch (error) {
            await writer.abort();
            throw error;
          }
        }
        case 'archive': {
          const zip = this.files.createArchive(request.out);
          try {
            const progress = {
              phase: (name: string) => {
                run.phase = name;
              },
              step,
            };
            run.total = 2 * entryCount;
            const screenshots = this.archive.screenshots?.list(range.start, range.end).length ?? 0;
            run.total += screenshots;
            const counts = await writeArchive(zip, { range, days, now }, this.source, this.archive, pause, progress);
            run.phase = 'finishing';
            const done = await zip.commit();
            return { path: done.path, entries: counts.entries, bytes: done.bytes, screenshots: counts.screenshots };
          } catch (error) {
            await zip.abort();
            throw error;
          }
        }
      }
    } finally {
      this.running = null;
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
