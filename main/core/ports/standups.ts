/** One line of Yesterday: the time tracked on one issue on the previous working day. */
export interface WorkedItem {
  readonly taskRef: string;
  readonly title: string | null;
  readonly minutes: number;
}

/** One line of Today: an assigned issue in progress, or the task of the running timer. */
export interface PlannedItem {
  readonly taskRef: string;
  readonly title: string | null;
  readonly running: boolean;
}

/** What Clockhand composed from the tracked data (the user's edits are kept beside it, never mixed in). */
export interface StandupContent {
  /** The previous working day the Yesterday section covers (YYYY-MM-DD), or null when none was found. */
  readonly workedDay: string | null;
  readonly yesterday: readonly WorkedItem[];
  readonly today: readonly PlannedItem[];
}

/** The user's words: each replaces the composed section (null: keep what was composed; blockers: none). */
export interface StandupEdits {
  readonly yesterday: string | null;
  readonly today: string | null;
  readonly blockers: string | null;
}

/** Where a standup goes, fixed when it is queued. */
export type StandupTarget =
  | { readonly kind: 'slack'; readonly channel: string }
  | { readonly kind: 'teams-graph'; readonly teamId: string; readonly channelId: string }
  | { readonly kind: 'teams-webhook' };

/**
 * draft: composed, not queued. pending / in_flight: in the outbox. posted: the remote has it (and every edit).
 * needs_attention: the vendor refused it or the outcome cannot be known; needs_reauth: the connection needs sign-in.
 */
export type StandupState = 'draft' | 'pending' | 'in_flight' | 'posted' | 'needs_attention' | 'needs_reauth';

export interface StandupRecord {
  readonly id: number;
  /** The local day it is the standup of (YYYY-MM-DD); one standup per day. */
  readonly day: string;
  readonly content: StandupContent;
  readonly edits: StandupEdits;
  readonly state: StandupState;
  readonly connectionId: number | null;
  readonly target: StandupTarget | null;
  /** Bumped by every change of the text; the remote is up to date when postedRevision equals it. */
  readonly revision: number;
  /** 0 until the remote has the message. */
  readonly postedRevision: number;
  /** The revision the attempt in flight (or the last one) sent. */
  readonly sentRevision: number | null;
  /** The last post attempt may have reached the remote: look before posting again. */
  readonly outcomeUnknown: boolean;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  /** Slack: the message ts; Graph: the chatMessage id; a webhook gives none. */
  readonly remoteId: string | null;
  /** Slack: the channel id the message is in (what chat.update and conversations.history take). */
  readonly remoteChannel: string | null;
  /** When the schedule offered it (notification or auto-post); null when only previewed. */
  readonly offeredAt: number | null;
  /** When it was first queued; reconciling looks for the message from a little before this. */
  readonly queuedAt: number | null;
  readonly postedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** How an attempt ended, as the repository records it. */
export type StandupAttemptOutcome =
  | { readonly kind: 'posted'; readonly revision: number; readonly remoteId: string | null; readonly remoteChannel: string | null }
  | { readonly kind: 'retry'; readonly at: number; readonly error: string; readonly outcomeUnknown: boolean }
  /** forgetRemote: the posted message is gone (deleted at the vendor): a new post may go out. */
  | { readonly kind: 'needs_attention'; readonly error: string; readonly forgetRemote?: boolean }
  | { readonly kind: 'needs_reauth'; readonly error: string };

export interface StandupRepository {
  byDay(day: string): StandupRecord | null;
  get(id: number): StandupRecord | null;
  /** Creates the day's draft, or replaces the composed content of a standup that was never posted. */
  saveDraft(day: string, content: StandupContent, now: number): StandupRecord;
  markOffered(id: number, now: number): StandupRecord;
  /** The user's edits; revision + 1. A posted standup goes back to pending (an update of the message). */
  edit(id: number, edits: StandupEdits, requeue: boolean, now: number): StandupRecord;
  /** Into the outbox: pending, due now, with its connection and target. */
  queue(id: number, connectionId: number, target: StandupTarget, now: number): StandupRecord;
  /** Pending and due, oldest first. */
  due(now: number, limit: number): StandupRecord[];
  /** Commits "this attempt is starting" (with the revision it sends) before anything is sent. */
  markInFlight(id: number, now: number): StandupRecord;
  /** Reconciling found nothing: the next post is a fresh one. */
  markResending(id: number, now: number): void;
  finish(id: number, outcome: StandupAttemptOutcome, now: number): StandupRecord;
  /** After a crash: rows left in flight go back to pending with an unknown outcome. */
  recoverInFlight(now: number): number;
  /** Every needs_reauth row of the connection goes back to pending (it was signed in again). */
  resumeAfterReauth(connectionId: number, now: number): number;
  /** Newest day first: every standup that was queued or posted. */
  history(limit: number): StandupRecord[];
}
