import { ConnectionUnusableError, type ConnectionService } from '../integrations/connection-service';
import { BoundedMap } from '../bounded/bounded-map';

import type { Clock } from '../ports/clock';
import type { ConnectionRecord, ConnectionRepository } from '../ports/connections';
import type { HttpClient } from '../ports/http-client';
import type { Logger } from '../ports/logger';
import type { Cancel, Scheduler } from '../ports/scheduler';
import type { AttemptOutcome, SyncItemRecord, SyncRepository } from '../ports/sync';
import { REQUEST_TIMEOUT_MS, type CallOutcome } from './call-outcome';
import { AsanaTimeClient } from './asana-time-client';
import { JiraWorklogClient, type RemoteAccess, type WorklogRemote } from './jira-worklog-client';
import { backoffMs, TokenBucket } from './rate-limits';
import { retryAfterUnexpected } from './unexpected-failure';
import { TempoWorklogClient } from './tempo-worklog-client';
import { z } from 'zod';
import { classifyFailure, isOutcome, parseJson, send } from './call-outcome';
import { describeJiraError } from './jira-worklog-client';

/** Issue ids cached for Tempo worklogs; an evicted one is asked of Jira again. */
export const MAX_CACHED_ISSUE_IDS = 2_000;

const issueIdSchema = z.object({ id: z.string().regex(/^\d{1,18}$/) });

export interface LaneLimits {
  /** Requests per second on average, and the burst the bucket allows. */
  readonly ratePerSecond: number;
  readonly burst: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
}

export const DEFAULT_LIMITS: LaneLimits = { ratePerSecond: 5, burst: 10, concurrency: 4 };
/** Server errors in a row before an item waits for the user (network trouble never gives up: offline is normal). */
export const SERVER_ERRORS_BEFORE_ATTENTION = 12;
/** While a connection is unreachable one probe goes out at most this far apart. */
export const OFFLINE_PROBE_CAP_MS = 60_000;
const PUMP_MS = 1_000;

export interface SyncWorkerDeps {
  readonly outbox: SyncRepository;
  readonly connections: ConnectionService;
  readonly connectionRecords: ConnectionRepository;
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly random: () => number;
  readonly limits: (provider: ConnectionRecord['provider']) => LaneLimits;
  /** Per request (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Issue ids cached for Tempo (default MAX_CACHED_ISSUE_IDS; the cap test sets a small one). */
  readonly issueIdCacheSize?: number;
}

/** One connection's traffic: its bucket, what is in flight, and when it may be tried again. */
interface Lane {
  readonly bucket: TokenBucket;
  readonly limits: LaneLimits;
  inFlight: number;
  /** Monotonic ms before which nothing is sent (rate limit or offline). */
  pausedUntil: number;
  transportFailures: number;
}

/**
 * Drains the outbox: per connection a token bucket and bounded concurrency, in order per remote object, retries with
 * backoff, rate limits honoured, unknown outcomes reconciled before any new create, 401s through the connection.
 */
export class SyncWorker {
  private readonly lanes = new Map<number, Lane>();
  private readonly jira: JiraWorklogClient;
  private readonly asana: AsanaTimeClient;
  private readonly timeoutMs: number;
  /** Jira issue key -> numeric id (for Tempo), the most recently used MAX_CACHED_ISSUE_IDS. */
  private readonly issueIds: BoundedMap<string, number>;
  private cancels: Cancel[] = [];
  private pumpQueued: Cancel | null = null;
  /** Lanes whose refill (after an attempt ended) is scheduled. */
  private readonly refills = new Map<number, Cancel>();
  private running = false;
  private installation: string | null = null;
  private readonly settled = new Set<() => void>();
  /** Connections whose rows wait for a sign-in; null until the first pump looks at every connection. */
  private paused: Set<number> | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.issueIds = new BoundedMap<string, number>(deps.issueIdCacheSize ?? MAX_CACHED_ISSUE_IDS);
    const timeoutMs = deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.timeoutMs = timeoutMs;
    this.jira = new JiraWorklogClient(deps.http, () => deps.clock.now(), timeoutMs);
    this.asana = new AsanaTimeClient(deps.http, () => deps.clock.now(), timeoutMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const recovered = this.deps.outbox.recoverInFlight(this.deps.clock.now());
    if (recovered > 0) this.deps.logger.warn('sync items were in flight when Clockhand stopped; reconciling', { count: recovered });
    this.cancels.push(
      this.deps.scheduler.every(PUMP_MS, () => {
        this.pump();
      }),
    );
    this.pump();
  }

  stop(): void {
    this.running = false;
    for (const cancel of this.cancels) cancel();
    this.cancels = [];
    this.pumpQueued?.();
    this.pumpQueued = null;
    for (const cancel of this.refills.values()) cancel();
    this.refills.clear();
  }

  /** `sync now`: forget offline pauses and backoff waits of the lanes and look at the outbox at once. */
  wake(): void {
    for (const lane of this.lanes.values()) {
      lane.pausedUntil = 0;
      lane.transportFailures = 0;
    }
    this.soon(0);
  }

  /** Resolves when no attempt is in flight (tests and shutdown). */
  idle(): Promise<void> {
    if (this.inFlight() === 0) return Promise.resolve();
    return new Promise((resolve) => this.settled.add(resolve));
  }

  inFlight(): number {
    let count = 0;
    for (const lane of this.lanes.values()) count += lane.inFlight;
    return count;
  }

  private soon(delayMs: number): void {
    if (!this.running || this.pumpQueued !== null) return;
    this.pumpQueued = this.deps.scheduler.after(delayMs, () => {
      this.pumpQueued = null;
      this.pump();
    });
  }

  private pump(): void {
    if (!this.running) return;
    const { outbox, clock, connectionRecords } = this.deps;
    const now = clock.now();
    const records = new Map(connectionRecords.list().map((record) => [record.id, record]));
    // A connection that is usable again (signed in anew) releases its paused rows.
    for (const record of records.values()) {
      if (record.state === 'ok' && (this.paused === null || this.paused.has(record.id))) {
        outbox.resumeAfterReauth(record.id, now);
        this.paused?.delete(record.id);
      }
    }
    this.paused ??= new Set();
    for (const connectionId of outbox.connectionsWithWork()) {
      const record = records.get(connectionId);
      if (record?.state === 'needs_reauth') {
        outbox.pauseForReauth(connectionId, record.stateReason ?? 'sign in again', now);
        this.paused.add(connectionId);
        continue;
      }
      this.fill(connectionId, record ?? null, now);
    }
  }

  private fill(connectionId: number, record: ConnectionRecord | null, now: number): void {
    const lane = this.laneFor(connectionId, record);
    const mono = this.deps.clock.monotonic();
    if (lane.pausedUntil > mono) {
      this.soon(lane.pausedUntil - mono);
      return;
    }
    const free = lane.limits.concurrency - lane.inFlight;
    if (free <= 0) return;
    for (const item of this.deps.outbox.due(connectionId, now, free)) {
      if (record !== null) {
        const token = lane.bucket.take(mono);
        if (!token.ok) {
          this.soon(token.waitMs);
          return;
        }
      }
      const started = this.deps.outbox.markInFlight(item.id, now);
      lane.inFlight += 1;
      void this.attempt(started, record).finally(() => {
        lane.inFlight -= 1;
        if (this.inFlight() === 0) {
          for (const resolve of this.settled) resolve();
          this.settled.clear();
        }
        this.refillSoon(connectionId);
      });
    }
  }

  /**
   * After an attempt ends, its lane takes the next due items: only that connection is read, not every connection and
   * the whole outbox as a pump does (the periodic pump still looks at everything once a second).
   */
  private refillSoon(connectionId: number): void {
    if (!this.running || this.refills.has(connectionId)) return;
    this.refills.set(
      connectionId,
      this.deps.scheduler.after(0, () => {
        this.refills.delete(connectionId);
        if (!this.running) return;
        const record = this.deps.connectionRecords.get(connectionId);
        // A connection that now waits for a sign-in parks its rows through the pump.
        if (record?.state === 'needs_reauth') this.soon(0);
        else this.fill(connectionId, record, this.deps.clock.now());
      }),
    );
  }

  private laneFor(connectionId: number, record: ConnectionRecord | null): Lane {
    let lane = this.lanes.get(connectionId);
    if (lane === undefined) {
      const limits = record === null ? DEFAULT_LIMITS : this.deps.limits(record.provider);
      lane = { bucket: new TokenBucket(limits.ratePerSecond, limits.burst), limits, inFlight: 0, pausedUntil: 0, transportFailures: 0 };
      this.lanes.set(connectionId, lane);
    }
    return lane;
  }

  /** One attempt at one item. Never rejects: every ending is written to the outbox. */
  private async attempt(item: SyncItemRecord, record: ConnectionRecord | null): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    let outcome: AttemptOutcome;
    try {
      outcome = record === null ? gone() : await this.run(item, record);
    } catch (error) {
      outcome = retryAfterUnexpected(error, item.attempts, this.deps, 'sync attempt', { item: item.id });
    }
    const finished = outbox.finish(item.id, outcome, clock.now());
    if (outcome.kind === 'needs_reauth') {
      outbox.pauseForReauth(item.connectionId, outcome.error, clock.now());
      this.paused?.add(item.connectionId);
    }
    if (outcome.kind === 'needs_attention') {
      logger.warn('sync item needs attention', { item: item.id, entry: item.entryId, error: outcome.error });
    }
    if (finished.state === 'done') logger.debug('sync item done', { item: item.id, remoteId: finished.remoteId });
  }

  private async run(item: SyncItemRecord, record: ConnectionRecord): Promise<AttemptOutcome> {
    const now = (): number => this.deps.clock.now();
    let authorization: string;
    try {
      authorization = (await this.deps.connections.authorize(record.id)).authorization;
    } catch (error) {
      if (!(error instanceof ConnectionUnusableError)) throw error;
      if (error.state === 'needs_reauth') return { kind: 'needs_reauth', error: `sign in again: ${error.message}` };
      return {
        kind: 'retry',
        at: now() + backoffMs(item.attempts, this.deps.random),
        error: error.message,
        outcomeUnknown: item.outcomeUnknown,
      };
    }
    const access: RemoteAccess = {
      baseUrl: record.baseUrl,
      authorization,
      flavour: record.provider === 'jira-dc' ? 'data-center' : 'cloud',
      accountId: record.accountId,
    };
    const remote = this.remoteFor(item.provider, record);
    const key = `${this.installationId()}-${String(item.id)}`;
    let remoteId = item.remoteId;
    let unknown = item.outcomeUnknown;
    let adopted = false;

    const failed = (call: Exclude<CallOutcome, { kind: 'ok' }>, creating: boolean): Promise<AttemptOutcome> =>
      this.failure(item, record, authorization, call, { before: unknown, creating }, remoteId);

    if (unknown && remoteId === null) {
      const found = await remote.find(access, item.sentPayload ?? item.payload, key);
      if (found.kind !== 'ok') return failed(found, false);
      this.succeeded(item.connectionId);
      if (found.remoteId === null) {
        this.deps.outbox.markResending(item.id, now());
        unknown = false;
      } else {
        remoteId = found.remoteId;
        adopted = true;
        this.deps.logger.info('adopted a worklog whose creation had an unknown outcome', { item: item.id, remoteId });
      }
    }

    if (item.op === 'delete') {
      if (remoteId === null) return { kind: 'synced', remoteId: null };
      const removed = await remote.remove(access, item.remoteObject, remoteId);
      if (removed.kind !== 'ok') return failed(removed, false);
      this.succeeded(item.connectionId);
      return { kind: 'synced', remoteId: null };
    }
    if (remoteId === null) {
      const created = await remote.create(access, item.payload, key);
      if (created.kind !== 'ok') return failed(created, true);
      this.succeeded(item.connectionId);
      return { kind: 'synced', remoteId: created.remoteId };
    }
    if (adopted && JSON.stringify(item.sentPayload) === JSON.stringify(item.payload)) return { kind: 'synced', remoteId };
    const updated = await remote.update(access, remoteId, item.payload, key);
    if (updated.kind !== 'ok') return failed(updated, false);
    this.succeeded(item.connectionId);
    return { kind: 'synced', remoteId };
  }

  private remoteFor(provider: SyncItemRecord['provider'], record: ConnectionRecord): WorklogRemote {
    switch (provider) {
      case 'jira':
      case 'jira-dc':
        return this.jira;
      case 'asana':
        return this.asana;
      case 'tempo':
        return new TempoWorklogClient(
          this.deps.http,
          () => this.deps.clock.now(),
          this.timeoutMs,
          (_access, key) => this.jiraIssueId(record, key),
        );
    }
  }

  /** Tempo v4 wants the numeric issue id: asked of the Jira Cloud connection on the Tempo connection's site, cached. */
  private async jiraIssueId(tempo: ConnectionRecord, key: string): Promise<{ kind: 'id'; id: number } | CallOutcome> {
    const cacheKey = `${tempo.site} ${key}`;
    const cached = this.issueIds.get(cacheKey);
    if (cached !== undefined) return { kind: 'id', id: cached };
    const jira = this.deps.connectionRecords.list().find((r) => r.provider === 'jira' && r.site === tempo.site);
    if (jira === undefined)
      return { kind: 'rejected', status: 0, message: `Tempo needs the Jira connection for ${tempo.site}; connect it again` };
    let authorization: string;
    try {
      authorization = (await this.deps.connections.authorize(jira.id)).authorization;
    } catch (error) {
      if (error instanceof ConnectionUnusableError)
        return { kind: 'rejected', status: 0, message: `the Jira connection #${String(jira.id)}: ${error.message}` };
      throw error;
    }
    const response = await send(this.deps.http, {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      url: `${jira.baseUrl}/rest/api/3/issue/${encodeURIComponent(key)}?fields=id`,
      headers: { authorization, accept: 'application/json' },
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, this.deps.clock.now(), describeJiraError);
    const parsed = issueIdSchema.safeParse(parseJson(response.body));
    if (!parsed.success) return { kind: 'bad_response', message: `Jira answered issue ${key} without a numeric id` };
    const id = Number(parsed.data.id);
    this.issueIds.set(cacheKey, id);
    return { kind: 'id', id };
  }

  private succeeded(connectionId: number): void {
    const lane = this.lanes.get(connectionId);
    if (lane !== undefined) lane.transportFailures = 0;
  }

  /** Turns a failed call into what happens to the item (and to its connection's lane). */
  private async failure(
    item: SyncItemRecord,
    record: ConnectionRecord,
    authorization: string,
    call: Exclude<CallOutcome, { kind: 'ok' }>,
    outcome: { readonly before: boolean; readonly creating: boolean },
    remoteId: string | null,
  ): Promise<AttemptOutcome> {
    // Refusals (401, 429, a connection never made) did not write anything; other failures of a create may have.
    const unknown = outcome.before || outcome.creating;
    const before = outcome.before;
    const now = this.deps.clock.now();
    const mono = this.deps.clock.monotonic();
    const lane = this.laneFor(record.id, record);
    const keep = remoteId === item.remoteId ? {} : { remoteId };
    switch (call.kind) {
      case 'unauthorized': {
        const next = await this.deps.connections.unauthorized(record.id, authorization, call.status);
        if (next === 'retry')
          return { kind: 'retry', at: now, error: `HTTP ${String(call.status)}; signed in again`, outcomeUnknown: before, ...keep };
        return {
          kind: 'needs_reauth',
          error: `${record.provider} refused the stored credentials (HTTP ${String(call.status)}): sign in again`,
        };
      }
      case 'throttled': {
        const wait = call.waitMs ?? backoffMs(lane.transportFailures + 1, this.deps.random, 60_000);
        // A per-issue limit holds back that issue only (its item waits); any other limit holds the connection.
        if (call.scope === 'lane') lane.pausedUntil = Math.max(lane.pausedUntil, mono + wait);
        return { kind: 'retry', at: now + wait, error: call.message, outcomeUnknown: before, ...keep };
      }
      case 'server_error': {
        if (item.attempts >= SERVER_ERRORS_BEFORE_ATTENTION) {
          return { kind: 'needs_attention', error: `gave up after ${String(item.attempts)} attempts: ${call.message}`, ...keep };
        }
        const wait = call.waitMs ?? backoffMs(item.attempts, this.deps.random);
        return { kind: 'retry', at: now + wait, error: call.message, outcomeUnknown: unknown, ...keep };
      }
      case 'transport': {
        // The connection is unreachable or flaky: the lane probes with one request at a time, at most a minute apart;
        // the item itself stays due so that everything drains as soon as the probe gets through.
        lane.transportFailures += 1;
        lane.pausedUntil = Math.max(lane.pausedUntil, mono + backoffMs(lane.transportFailures, this.deps.random, OFFLINE_PROBE_CAP_MS));
        return { kind: 'retry', at: now, error: call.message, outcomeUnknown: call.delivered === 'no' ? before : unknown, ...keep };
      }
      case 'bad_response':
        return {
          kind: 'retry',
          at: now + backoffMs(item.attempts, this.deps.random),
          error: call.message,
          outcomeUnknown: unknown,
          ...keep,
        };
      case 'not_found':
        if (item.remoteId !== null && remoteId === item.remoteId) {
          return {
            kind: 'needs_attention',
            error: `the worklog is gone from ${record.site}; retry to post it again (${call.message})`,
            remoteId: null,
          };
        }
        return { kind: 'needs_attention', error: `${item.remoteObject} was not found on ${record.site} (${call.message})`, ...keep };
      case 'rejected':
        return { kind: 'needs_attention', error: call.message, ...keep };
    }
  }

  private installationId(): string {
    this.installation ??= this.deps.outbox.installationId();
    return this.installation;
  }
}

function gone(): AttemptOutcome {
  return { kind: 'needs_attention', error: 'the connection was removed; connect again and retry, or drop the item' };
}
