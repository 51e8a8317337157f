import { ConnectionUnusableError, type ConnectionService } from '../integrations/connection-service';
import type { Clock } from '../ports/clock';
import type { ConnectionRecord, ConnectionRepository } from '../ports/connections';
import type { HttpClient } from '../ports/http-client';
import type { Logger } from '../ports/logger';
import type { Cancel, Scheduler } from '../ports/scheduler';
import type { StandupAttemptOutcome, StandupRecord, StandupRepository } from '../ports/standups';
import { REQUEST_TIMEOUT_MS } from '../sync/call-outcome';
import type { CallFailure as Failure } from './call-failure';
import { backoffMs } from '../sync/rate-limits';
import { retryAfterUnexpected } from '../sync/unexpected-failure';
import { SERVER_ERRORS_BEFORE_ATTENTION } from '../sync/sync-worker';
import { SlackStandupClient } from './slack-standup-client';
import { slackMessage, standupSections, teamsAdaptiveCard, teamsHtml } from './standup-render';
import { TeamsStandupClient } from './teams-standup-client';

const PUMP_MS = 1_000;

export interface StandupPosterDeps {
  readonly standups: StandupRepository;
  readonly connections: ConnectionService;
  readonly connectionRecords: ConnectionRepository;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly random: () => number;
  readonly installationId: () => string;
  readonly requestTimeoutMs?: number;
}

/**
 * The standups' outbox worker: one attempt at a time (a person posts one standup a day). Every attempt is committed
 * as in flight before anything is sent; an attempt whose outcome is unknown is reconciled before any new post
 * (Slack: conversations.history for our metadata), or, where the vendor gives no way to look (Teams), waits for the
 * user instead of risking a duplicate. Edits of a posted Slack standup go out as chat.update.
 */
export class StandupPoster {
  private readonly slack: SlackStandupClient;
  private readonly teams: TeamsStandupClient;
  private cancel: Cancel | null = null;
  private busy: Promise<void> | null = null;

  constructor(private readonly deps: StandupPosterDeps) {
    const timeoutMs = deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.slack = new SlackStandupClient(deps.http, () => deps.clock.now(), timeoutMs);
    this.teams = new TeamsStandupClient(deps.http, () => deps.clock.now(), timeoutMs);
  }

  start(): void {
    if (this.cancel !== null) return;
    const recovered = this.deps.standups.recoverInFlight(this.deps.clock.now());
    if (recovered > 0) this.deps.logger.warn('a standup was being posted when Clockhand stopped; reconciling', { count: recovered });
    this.cancel = this.deps.scheduler.every(PUMP_MS, () => {
      this.pump();
    });
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Resolves when no attempt is in flight. */
  async idle(): Promise<void> {
    while (this.busy !== null) await this.busy;
  }

  /** Looks at the outbox now (after a post or an edit), unless an attempt is already running. */
  pump(): void {
    if (this.busy !== null) return;
    const { standups, clock } = this.deps;
    for (const record of this.deps.connectionRecords.list()) {
      if (record.state === 'ok') standups.resumeAfterReauth(record.id, clock.now());
    }
    const next = standups.due(clock.now(), 1)[0];
    if (next === undefined) return;
    const started = standups.markInFlight(next.id, clock.now());
    this.busy = this.attempt(started).finally(() => {
      this.busy = null;
    });
  }

  /** One attempt. Never rejects: every ending is written to the outbox. */
  private async attempt(item: StandupRecord): Promise<void> {
    const { standups, clock, logger } = this.deps;
    let outcome: StandupAttemptOutcome;
    try {
      outcome = await this.run(item);
    } catch (error) {
      outcome = retryAfterUnexpected(error, item.attempts, this.deps, 'standup attempt', { standup: item.id });
    }
    const finished = standups.finish(item.id, outcome, clock.now());
    switch (outcome.kind) {
      case 'posted':
        logger.info('standup posted', { standup: item.id, day: item.day, revision: outcome.revision });
        break;
      case 'needs_attention':
        logger.warn('standup needs attention', { standup: item.id, error: outcome.error });
        break;
      case 'needs_reauth':
      case 'retry':
        logger.info('standup not posted yet', { standup: item.id, state: finished.state, error: outcome.error });
        break;
    }
  }

  private async run(item: StandupRecord): Promise<StandupAttemptOutcome> {
    const record = item.connectionId === null ? null : this.deps.connectionRecords.get(item.connectionId);
    if (record === null || item.target === null) {
      return { kind: 'needs_attention', error: 'the connection for standups was removed; connect again and post again' };
    }
    let authorization: string;
    try {
      authorization = (await this.deps.connections.authorize(record.id)).authorization;
    } catch (error) {
      if (!(error instanceof ConnectionUnusableError)) throw error;
      if (error.state === 'needs_reauth') return { kind: 'needs_reauth', error: `sign in again: ${error.message}` };
      return this.retry(item, error.message, item.outcomeUnknown);
    }
    const sections = standupSections(item.day, item.content, item.edits);
    const key = `${this.deps.installationId()}-standup-${String(item.id)}`;
    const revision = item.revision;
    const target = item.target;
    switch (target.kind) {
      case 'slack': {
        const message = slackMessage(sections);
        let ts = item.remoteId;
        let channel = item.remoteChannel ?? target.channel;
        let adopted = false;
        if (ts === null && item.outcomeUnknown) {
          const found = await this.slack.find(record.baseUrl, authorization, channel, item.queuedAt ?? item.createdAt, key);
          if (found.kind !== 'found') return this.failure(item, record, authorization, found, true);
          if (found.ts === null) {
            this.deps.standups.markResending(item.id, this.deps.clock.now());
          } else {
            ts = found.ts;
            adopted = true;
            this.deps.logger.info('adopted a standup whose post had an unknown outcome', { standup: item.id });
          }
        }
        if (ts === null) {
          const sent = await this.slack.post(record.baseUrl, authorization, target.channel, message, key);
          if (sent.kind !== 'ok') return this.failure(item, record, authorization, sent, true);
          return { kind: 'posted', revision, remoteId: sent.ts, remoteChannel: sent.channel };
        }
        // An adopted message may carry an older revision's text: bring it up to date (an update is idempotent).
        if (!adopted && item.postedRevision === revision) return { kind: 'posted', revision, remoteId: ts, remoteChannel: channel };
        const updated = await this.slack.update(record.baseUrl, authorization, channel, ts, message, key);
        if (updated.kind !== 'ok') return this.failure(item, record, authorization, updated, false);
        channel = updated.channel;
        return { kind: 'posted', revision, remoteId: ts, remoteChannel: channel };
      }
      case 'teams-graph':
      case 'teams-webhook': {
        if (item.postedRevision > 0) {
          return { kind: 'needs_attention', error: 'a Teams standup cannot be changed after it is posted; edit it in Teams' };
        }
        if (item.outcomeUnknown) {
          return {
            kind: 'needs_attention',
            error:
              'the last attempt may have reached Teams, and Teams gives Clockhand no way to check: look in the channel, then post again (clockhand standup post) only if it is not there',
          };
        }
        const sent =
          target.kind === 'teams-graph'
            ? await this.teams.postGraph(
                record.baseUrl,
                authorization,
                target.teamId,
                target.channelId,
                teamsHtml(sections),
                sections.title,
              )
            : await this.teams.postWebhook(authorization, teamsAdaptiveCard(sections));
        if (sent.kind !== 'ok') return this.failure(item, record, authorization, sent, true);
        return { kind: 'posted', revision, remoteId: sent.id, remoteChannel: null };
      }
    }
  }

  private retry(item: StandupRecord, error: string, outcomeUnknown: boolean, waitMs?: number | null): StandupAttemptOutcome {
    const wait = waitMs ?? backoffMs(item.attempts, this.deps.random);
    return { kind: 'retry', at: this.deps.clock.now() + wait, error, outcomeUnknown };
  }

  /** Turns a failed call into what happens to the standup. `creating`: the call may have posted a message. */
  private async failure(
    item: StandupRecord,
    record: ConnectionRecord,
    authorization: string,
    call: Failure,
    creating: boolean,
  ): Promise<StandupAttemptOutcome> {
    const before = item.outcomeUnknown;
    const unknown = before || creating;
    switch (call.kind) {
      case 'unauthorized': {
        const next = await this.deps.connections.unauthorized(record.id, authorization, call.status);
        if (next === 'retry')
          return {
            kind: 'retry',
            at: this.deps.clock.now(),
            error: `HTTP ${String(call.status)}; signed in again`,
            outcomeUnknown: before,
          };
        return { kind: 'needs_reauth', error: `${record.provider} refused the stored credentials: sign in again` };
      }
      case 'throttled':
        return this.retry(item, call.message, before, call.waitMs ?? backoffMs(item.attempts + 1, this.deps.random, 60_000));
      case 'server_error':
        if (item.attempts >= SERVER_ERRORS_BEFORE_ATTENTION)
          return { kind: 'needs_attention', error: `gave up after ${String(item.attempts)} attempts: ${call.message}` };
        return this.retry(item, call.message, unknown, call.waitMs);
      case 'transport':
        return this.retry(item, call.message, call.delivered === 'no' ? before : unknown);
      case 'bad_response':
        return this.retry(item, call.message, unknown);
      case 'not_found':
        if (!creating && item.remoteId !== null) {
          return {
            kind: 'needs_attention',
            error: `the posted standup is gone from the channel (${call.message}); clockhand standup post posts it again`,
            forgetRemote: true,
          };
        }
        return { kind: 'needs_attention', error: `${call.message}: check the channel setting` };
      case 'rejected':
        return { kind: 'needs_attention', error: call.message };
    }
  }
}
