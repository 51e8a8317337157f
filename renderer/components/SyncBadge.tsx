import type { EntryDto, SyncItemDto } from '../../common/dto';
import { providerName } from '../provider-name';

type EntrySync = NonNullable<EntryDto['sync']>[number];

const TEXT: Record<EntrySync['state'], string> = {
  pending: 'pending',
  in_flight: 'sending',
  done: 'synced',
  needs_attention: 'needs attention',
  needs_reauth: 'reconnect needed',
};

/** Where an entry is posted and how far it got; a quarantined item shows the vendor's words and can be retried or dropped. */
export function SyncBadge({
  sync,
  item,
  onRetry,
  onDrop,
}: {
  readonly sync: EntrySync;
  readonly item: SyncItemDto | undefined;
  readonly onRetry: () => void;
  readonly onDrop: () => void;
}): React.JSX.Element {
  const label = `${providerName(sync.provider, 'short')} ${sync.target}: ${TEXT[sync.state]}`;
  return (
    <div className={`sync sync-${sync.state}`}>
      <span className="sync-badge" data-state={sync.state} title={label}>
        <span className="dot" aria-hidden="true" />
        {providerName(sync.provider, 'short')} · {TEXT[sync.state]}
      </span>
      {sync.state === 'needs_attention' && (
        <div className="sync-problem">
          {item?.lastError !== null && item?.lastError !== undefined && <p className="vendor-error">{item.lastError}</p>}
          <button type="button" className="small" onClick={onRetry}>
            Retry
          </button>
          <button type="button" className="small ghost" onClick={onDrop}>
            Don’t post
          </button>
        </div>
      )}
      {sync.state === 'needs_reauth' && <p className="vendor-error">Reconnect {providerName(sync.provider, 'short')} in Integrations.</p>}
    </div>
  );
}
