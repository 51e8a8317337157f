import { DomainError } from './errors';
import { ExportService } from './export/export-service';
import type { Clock } from './ports/clock';
import type { ExportEntrySource, ExportFiles } from './ports/export';

/** What export, erase and retention need from the composition root. Optional: a face without them refuses. */
export interface DataRightsDeps {
  readonly entries: ExportEntrySource;
  readonly files: ExportFiles;
}

/** The user's data rights: export (and, as they land, erase and retention). */
export class DataRights {
  private readonly exportService: ExportService | null;

  constructor(deps: DataRightsDeps | undefined, clock: Clock) {
    this.exportService = deps === undefined ? null : new ExportService(deps.entries, deps.files, clock);
  }

  exporter(): ExportService {
    if (this.exportService === null) throw new DomainError('unavailable', 'export is not available in this face');
    return this.exportService;
  }
}
