import type { OperationName, OperationOutput } from '../../common/contract';
import type { Result } from '../../common/result';
import { createHandlers, invoke, invokeAsync } from './api/handlers';
import { Tracker, type TrackerDeps } from './engine';
import { PolicyService } from './policy/policy-service';
import type { PolicySource, PolicyStateRepository, UserSettingsRepository } from './ports/policy';
import { ConnectionService } from './integrations/connection-service';
import { connectionPolicyOf } from './integrations/connection-policy-from-settings';
import { OAuthConnections } from './integrations/oauth/oauth-connections';
import { OAuthSignIn } from './integrations/oauth/oauth-sign-in';
import type { OAuthBrowser } from './ports/oauth-browser';
import type { ConnectionRecord, ConnectionRepository } from './ports/connections';
import type { EndpointRules } from './ports/endpoint-rules';
import type { HttpClient } from './ports/http-client';
import type { SecretStore } from './ports/secret-store';
import type { SyncRepository } from './ports/sync';
import type { AssignedTaskRepository } from './ports/assigned-tasks';
import { AssignedTaskService } from './sync/assigned-task-service';
import { OutboxPlanner } from './sync/outbox-planner';
import { withOutbox } from './sync/outbox-store';
import { firstPostAt, type PostMode } from './sync/post-schedule';
import { SyncService } from './sync/sync-service';
import { SyncWorker, type LaneLimits } from './sync/sync-worker';
import type { RoundingMinutes } from './sync/worklog-rules';
import type { Notifier } from './ports/notifier';
import type { Random } from './ports/random';
import type { ScreenCapturer } from './ports/screen-capturer';
import type { ScreenshotRepository, ScreenshotVault } from './ports/screenshots';
import { ScreenshotService } from './screenshots/screenshot-service';
import { DataRights, type DataRightsDeps } from './data-rights';
import { TimeRetention } from './retention/time-retention';
import { asanaProjectsOf } from './reports/asana-projects';
import { toPolicyChangeDto } from './policy/policy-dto';
import { toConnectionDto } from './integrations/connection-dto';

/** Every policy change a person could have seen, for the export archive. */
const POLICY_HISTORY_IN_ARCHIVE = 100_000;

export interface PolicyDeps {
  /** Highest precedence first: machine policy, then user-scope policy. */
  readonly sources: readonly PolicySource[];
  readonly state: PolicyStateRepository;
  readonly userSettings: UserSettingsRepository;
  /** Called with the plain sentences when the organization changed something (for a notification). */
  readonly onChange?: (sentences: readonly string[]) => void;
  /** Called once when a policy source newly fails, with the sentence status shows (for a notification). */
  readonly onProblem?: (sentence: string) => void;
}

export interface ConnectionsDeps {
  readonly repository: ConnectionRepository;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly endpoints: EndpointRules;
  /** Browser sign-in (loopback redirect); without it OAuth sign-in is unavailable. */
  readonly browser?: OAuthBrowser;
  /** How long a browser sign-in may take (default 5 minutes). */
  readonly signInTimeoutMs?: number;
}

export interface SyncDeps {
  readonly outbox: SyncRepository;
  readonly assignedTasks: AssignedTaskRepository;
  readonly random: () => number;
  readonly limits: (provider: string) => LaneLimits;
  readonly requestTimeoutMs?: number;
}

export interface ScreenshotsDeps {
  readonly capturer: ScreenCapturer;
  readonly vault: ScreenshotVault;
  readonly repository: ScreenshotRepository;
  readonly notifier: Notifier;
  readonly random: Random;
}

export type CoreDeps = Omit<TrackerDeps, 'policy'> & {
  readonly policy: PolicyDeps;
  readonly connections: ConnectionsDeps;
  readonly sync: SyncDeps;
  readonly screenshots: ScreenshotsDeps;
  /** Export (and later erase/retention); without it those operations are refused. */
  readonly dataRights?: DataRightsDeps;
};

export interface Core {
  readonly tracker: Tracker;
  /** Drains the outbox; the composition root starts and stops it with the tracker. */
  readonly syncWorker: SyncWorker;
  /** Refreshes the assigned tasks every few minutes; started and stopped with the worker. */
  readonly assignedTasks: AssignedTaskService;
  /** Connections: sync workers call authorize()/unauthorized() on it. */
  readonly connections: ConnectionService;
  readonly screenshots: ScreenshotService;
  /** Validates and runs one synchronous operation of the contract. Never throws. */
  invoke<K extends OperationName>(name: K, input: unknown): Result<OperationOutput<K>>;
  /** Validates and runs any operation of the contract (the faces use this). Never rejects. */
  invokeAsync<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
}

/** Builds the core from its ports. Only composition roots (main/app) call this. */
export function createCore(deps: CoreDeps): Core {
  const { sources, state, userSettings, onChange, onProblem } = deps.policy;
  const policy = new PolicyService(sources, state, userSettings, deps.clock, deps.logger, onChange, onProblem);
  policy.refresh();
  const { repository, secrets, http, endpoints } = deps.connections;
  const planner = new OutboxPlanner(deps.sync.outbox, repository, () => ({
    rounding: policy.get('tracking.roundingMinutes') as RoundingMinutes,
    jiraMode: policy.get('integrations.jira.mode') === 'tempo' ? 'tempo' : 'jira',
    notBefore: (now) => firstPostAt(policy.get('sync.postMode') as PostMode, policy.get('sync.dailyAt') as string, now),
  }));
  const store = withOutbox(deps.store, planner, deps.clock);
  // The screenshot schedule runs on the tracker's tick (one timer, one order of events).
  let afterTick: () => void = () => undefined;
  const tracker = new Tracker({
    ...deps,
    store,
    policy,
    asanaProjects: () => asanaProjectsOf(deps.sync.assignedTasks),
    afterTick: () => {
      afterTick();
    },
  });
  const connectionPolicy = connectionPolicyOf(tracker.policy);
  const connections = new ConnectionService(repository, secrets, http, endpoints, deps.clock, deps.logger, connectionPolicy);
  const oauthDeps = { connections, secrets, http, endpoints, policy: connectionPolicy, clock: deps.clock, logger: deps.logger };
  connections.useOAuth(new OAuthConnections(oauthDeps));
  connections.useNotifier(deps.screenshots.notifier);
  const browser = deps.connections.browser ?? {
    begin: () => Promise.reject(new Error('browser sign-in is not available in this face')),
  };
  const signIn = new OAuthSignIn(oauthDeps, browser, deps.connections.signInTimeoutMs);
  const syncWorker = new SyncWorker({
    outbox: deps.sync.outbox,
    connections,
    connectionRecords: repository,
    http,
    clock: deps.clock,
    scheduler: deps.scheduler,
    logger: deps.logger,
    random: deps.sync.random,
    limits: deps.sync.limits,
    ...(deps.sync.requestTimeoutMs !== undefined && { requestTimeoutMs: deps.sync.requestTimeoutMs }),
  });
  const sync = new SyncService(deps.sync.outbox, syncWorker, deps.clock, () =>
    syncProblems(repository.list(), policy.get('integrations.jira.mode')),
  );
  const assignedTasks = new AssignedTaskService(
    deps.sync.assignedTasks,
    connections,
    repository,
    http,
    deps.clock,
    deps.scheduler,
    deps.logger,
  );
  const screenshots = new ScreenshotService({
    ...deps.screenshots,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    presence: () => tracker.screenshotPresence(),
  });
  const retention =
    deps.dataRights === undefined
      ? null
      : new TimeRetention(deps.dataRights.retention, () => policy.get('retention.timeEntriesDays') as number, deps.clock, deps.logger);
  afterTick = () => {
    retention?.tick();
    screenshots.tick();
  };
  const data = new DataRights(deps.dataRights, deps.clock, {
    screenshots,
    policyHistory: () => policy.history(POLICY_HISTORY_IN_ARCHIVE).map(toPolicyChangeDto),
    connections: () => repository.list().map(toConnectionDto),
  });
  const handlers = createHandlers(tracker, connections, sync, assignedTasks, signIn, screenshots, data);
  return {
    tracker,
    screenshots,
    connections,
    syncWorker,
    assignedTasks,
    invoke: (name, input) => invoke(handlers, name, input, deps.logger),
    invokeAsync: (name, input) => invokeAsync(handlers, name, input, deps.logger),
  };
}

/** Tempo mode with no Tempo connection for the Jira site: Jira time would silently go nowhere. */
function syncProblems(connections: readonly ConnectionRecord[], jiraMode: unknown): string[] {
  if (jiraMode !== 'tempo') return [];
  const jira = connections.filter((c) => c.provider === 'jira' || c.provider === 'jira-dc').sort((a, b) => a.id - b.id)[0];
  if (jira === undefined || connections.some((c) => c.provider === 'tempo' && c.site === jira.site)) return [];
  return [
    `Tempo mode is on (integrations.jira.mode) but there is no Tempo connection for ${jira.site}: time on Jira issues is not posted. Connect it with: clockhand connect tempo`,
  ];
}

export type { TrackerDeps, AgentInfo } from './engine';
