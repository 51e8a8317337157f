import type { BackupDto } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { BackupInfo, Backups } from '../ports/backups';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';

/** The first daily check waits this long after start (short runs and tests make no backups), then hourly. */
export const FIRST_CHECK_MS = 10 * 60_000;
export const CHECK_EVERY_MS = 60 * 60_000;
export const BACKUP_EVERY_MS = 24 * 60 * 60_000;

export interface BackupScheduleDeps {
  readonly backups: Backups | null;
  readonly clock: Clock;
  readonly logger: Logger;
  /** backup.keep, live. */
  readonly keep: () => number;
  /** Nothing is backed up before first-run consent (there is nothing to keep). */
  readonly allowed: () => boolean;
}

/** A daily encrypted backup of the store, driven by the tracker's tick; `backup now` on request. */
export class BackupSchedule {
  private readonly startedMono: number;
  private lastCheckMono: number | null = null;
  private inFlight: Promise<BackupInfo> | null = null;

  constructor(private readonly deps: BackupScheduleDeps) {
    this.startedMono = deps.clock.monotonic();
  }

  tick(): void {
    const { backups, clock } = this.deps;
    if (backups === null || this.inFlight !== null) return;
    const mono = clock.monotonic();
    if (this.lastCheckMono === null ? mono - this.startedMono < FIRST_CHECK_MS : mono - this.lastCheckMono < CHECK_EVERY_MS) return;
    this.lastCheckMono = mono;
    if (!this.deps.allowed()) return;
    const newest = backups.list()[0];
    if (newest !== undefined && clock.now() - newest.createdAt < BACKUP_EVERY_MS) return;
    this.run().catch((error: unknown) => {
      this.deps.logger.error('daily backup failed', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  async now(): Promise<BackupDto> {
    if (this.deps.backups === null) throw new DomainError('unavailable', 'backups are not available in this face');
    try {
      return toBackupDto(await (this.inFlight ?? this.run()));
    } catch (error) {
      throw new DomainError('unavailable', `the backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  list(): BackupDto[] {
    return (this.deps.backups?.list() ?? []).map(toBackupDto);
  }

  /** Resolves when a backup in progress is done (a clean shutdown waits for it). */
  async settled(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  private run(): Promise<BackupInfo> {
    const backups = this.deps.backups;
    if (backups === null) return Promise.reject(new Error('no backups'));
    const job = backups.create(this.deps.keep()).finally(() => {
      this.inFlight = null;
    });
    this.inFlight = job;
    return job;
  }
}

export function toBackupDto(info: BackupInfo): BackupDto {
  return { id: info.id, createdAt: formatLocalIso(info.createdAt), bytes: info.bytes };
}
