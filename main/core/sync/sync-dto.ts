import type { SyncItemDto } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { SyncItemRecord } from '../ports/sync';

export function toSyncItemDto(item: SyncItemRecord): SyncItemDto {
  return {
    id: item.id,
    entryId: item.entryId,
    connectionId: item.connectionId,
    provider: item.provider,
    target: item.remoteObject,
    operation: item.op === 'delete' ? 'delete' : item.remoteId === null ? 'create' : 'update',
    state: item.state,
    attempts: item.attempts,
    nextAttemptAt: item.state === 'pending' ? formatLocalIso(item.nextAttemptAt) : null,
    lastError: item.lastError,
    remoteId: item.remoteId,
    minutes: item.payload.minutes,
    startedAt: formatLocalIso(item.payload.startedAt),
    updatedAt: formatLocalIso(item.updatedAt),
  };
}
