/** Where a worklog goes: a Jira issue key (or Asana task gid) on one connection. */
export type SyncProvider = 'jira' | 'jira-dc' | 'tempo' | 'asana';
export type SyncState = 'pending' | 'in_flight' | 'done' | 'needs_attention' | 'needs_reauth';
export type SyncOp = 'upsert' | 'delete';

/** What the remote worklog should say, provider-neutral (each client formats it). */
export interface WorklogPayload {
  /** Issue key or task gid. */
  readonly object: string;
  /** The entry's real start, epoch ms. */
  readonly startedAt: number;
  /** Whole minutes (at least one), after rounding. */
  readonly minutes: number;
  readonly note: string | null;
}

export interface SyncItemRecord {
  readonly id: number;
  readonly entryId: number;
  readonly connectionId: number;
  readonly provider: SyncProvider;
  readonly remoteObject: string;
  readonly op: SyncOp;
  readonly payload: WorklogPayload;
  /** Bumped by every change of the entry; the remote is up to date when syncedRevision equals it. */
  readonly revision: number;
  readonly syncedRevision: number;
  /** What the attempt in flight (or the last one) sent, for reconciling an unknown outcome. */
  readonly sentPayload: WorklogPayload | null;
  readonly sentRevision: number | null;
  readonly state: SyncState;
  /** The last create attempt may or may not have reached the remote: look before creating again. */
  readonly outcomeUnknown: boolean;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly remoteId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SyncTarget {
  readonly connectionId: number;
  readonly provider: SyncProvider;
  readonly remoteObject: string;
}

/** How an attempt ended, as the repository records it. */
export type AttemptOutcome =
  | { readonly kind: 'synced'; readonly remoteId: string | null }
  | {
      readonly kind: 'retry';
      readonly at: number;
      readonly error: string;
      readonly outcomeUnknown: boolean;
      readonly remoteId?: string | null;
    }
  | { readonly kind: 'needs_attention'; readonly error: string; readonly remoteId?: string | null }
  | { readonly kind: 'needs_reauth'; readonly error: string };

export interface SyncRepository {
  /** The random id of this installation (part of every idempotency key). */
  installationId(): string;
  get(id: number): SyncItemRecord | null;
  forEntry(entryId: number): SyncItemRecord[];
  /** Creates the row for a target, or coalesces the change into it (revision + 1, back to pending). */
  upsert(entryId: number, target: SyncTarget, payload: WorklogPayload, now: number, notBefore: number): SyncItemRecord;
  /** The entry no longer wants this worklog: a row that never reached the remote goes away, others become deletes. */
  retire(id: number, now: number): void;
  /**
   * Rows ready to send for one connection, oldest first: pending, due, and first in line for their remote object
   * (nothing earlier for that object is pending or in flight).
   */
  due(connectionId: number, now: number, limit: number): SyncItemRecord[];
  /** Connections that have rows pending. */
  connectionsWithWork(): number[];
  /** The earliest next_attempt_at among pending rows of a connection, or null. */
  nextDue(connectionId: number): number | null;
  /** Commits "this attempt is starting" before anything is sent (a crash then leaves it in flight). */
  markInFlight(id: number, now: number): SyncItemRecord;
  /** Reconciling found nothing remote: what is about to be created is the current payload (sent_payload := payload). */
  markResending(id: number, now: number): void;
  finish(id: number, outcome: AttemptOutcome, now: number): SyncItemRecord;
  /** After a crash: rows left in flight go back to pending, creates flagged as unknown outcomes. */
  recoverInFlight(now: number): number;
  /** Every pending row of the connection becomes needs_reauth (and back to pending when it is usable again). */
  pauseForReauth(connectionId: number, reason: string, now: number): void;
  resumeAfterReauth(connectionId: number, now: number): number;
  retry(id: number, now: number): SyncItemRecord;
  /**
   * Every pending row becomes due now (backoff, daily schedule and review holds are skipped), or only those whose
   * worklog starts in [range.from, range.to); returns how many.
   */
  allDueNow(now: number, range?: { readonly from: number; readonly to: number }): number;
  /** Removes a row for good (the user gave up on it). */
  drop(id: number): void;
  /** Newest first, for `clockhand sync`. */
  list(limit: number, states?: readonly SyncState[]): SyncItemRecord[];
  counts(): Record<SyncState, number>;
  /**
   * The states that still need something (not `done`), by index seeks: cheap with years of done rows behind them,
   * so the tray can ask every second.
   */
  openCounts(): Record<OpenSyncState, number>;
}

export type OpenSyncState = Exclude<SyncState, 'done'>;
