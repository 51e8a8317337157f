import type { EntryDto, SyncView } from '../../../common/dto';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { SyncItemRecord, SyncRepository, SyncState } from '../ports/sync';
import { toSyncItemDto } from './sync-dto';
import type { SyncWorker } from './sync-worker';

/** What the faces can do with the outbox: look, retry, drop, push now. */
export class SyncService {
  constructor(
    private readonly outbox: SyncRepository,
    private readonly worker: SyncWorker,
    private readonly clock: Clock,
    /** Why nothing can be posted for some tasks (shown above the rows). */
    private readonly problems: () => string[] = () => [],
  ) {}

  view(limit: number, states: readonly SyncState[] | undefined): SyncView {
    return { counts: this.outbox.counts(), items: this.outbox.list(limit, states).map(toSyncItemDto), problems: this.problems() };
  }

  /** The entry's sync state per target (deletes of old targets included until they are done). */
  forEntry(entryId: number): NonNullable<EntryDto['sync']> {
    return this.outbox
      .forEntry(entryId)
      .filter((item) => !(item.op === 'delete' && item.state === 'done'))
      .map((item) => {
        const dto = toSyncItemDto(item);
        return { itemId: dto.id, provider: dto.provider, target: dto.target, state: dto.state, operation: dto.operation };
      });
  }

  retry(id: number): SyncItemRecord {
    const item = this.require(id);
    if (item.state === 'in_flight') throw new DomainError('conflict', `sync item #${String(id)} is being sent right now`);
    if (item.state === 'done') throw new DomainError('conflict', `sync item #${String(id)} is already synced`);
    const retried = this.outbox.retry(id, this.clock.now());
    this.worker.wake();
    return retried;
  }

  drop(id: number): void {
    const item = this.require(id);
    if (item.state === 'in_flight') throw new DomainError('conflict', `sync item #${String(id)} is being sent right now; try again`);
    this.outbox.drop(id);
  }

  /** Sends what is due now, without waiting for backoff or the offline probe. */
  now(range?: { readonly from: number; readonly to: number }): SyncView['counts'] {
    this.outbox.allDueNow(this.clock.now(), range);
    this.worker.wake();
    return this.outbox.counts();
  }

  private require(id: number): SyncItemRecord {
    const item = this.outbox.get(id);
    if (item === null) throw new DomainError('not_found', `there is no sync item #${String(id)}`);
    return item;
  }
}
