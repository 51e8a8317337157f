import { DomainError } from './errors';
import type { ArchiveSources } from './export/archive-contents';
import { ExportService } from './export/export-service';
import type { Clock } from './ports/clock';
import type { ExportEntrySource, ExportFiles } from './ports/export';
import type { TimeRetentionRepository } from './ports/retention';

/** What export, erase and retention need from the composition root. Optional: a face without them refuses. */
export interface DataRightsDeps {
  readonly entries: ExportEntrySource;
  readonly files: ExportFiles;
  /**
   * Erase: the composition root stops this face once the answer is sent, then deletes every keychain entry of the
   * Clockhand service, the database, screenshot files and logs.
   */
  readonly erase: () => void;
  /** Removes old time data for the daily retention job (retention.timeEntriesDays). */
  readonly retention: TimeRetentionRepository;
}

/** The user's data rights: export erase (and, as it lands, retention). */
export class DataRights {
  private readonly exportService: ExportService | null;
  private erasing = false;

  constructor(
    private readonly deps: DataRightsDeps | undefined,
    clock: Clock,
    archive: ArchiveSources,
  ) {
    this.exportService = deps === undefined ? null : new ExportService(deps.entries, deps.files, clock, archive);
  }

  exporter(): ExportService {
    if (this.exportService === null) throw new DomainError('unavailable', 'export is not available in this face');
    return this.exportService;
  }

  /** Starts the erase (once); the face stops shortly after answering. */
  erase(): void {
    if (this.deps === undefined) throw new DomainError('unavailable', 'erase is not available in this face');
    if (this.erasing) return;
    this.erasing = true;
    this.deps.erase();
  }
}
