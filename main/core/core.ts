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
import type { IdleSpanRecord } from './ports/repositories';
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
import type { ConsentRepository } from './ports/consent';
import { ConsentService } from './consent/consent-service';
import type { Backups } from './ports/backups';
import { BackupSchedule } from './backup/backup-schedule';
import { NotificationGate } from './notifications/notification-gate';
import { NotificationRules } from './notifications/notification-rules';
import { notifications } from './notifications/notification-catalog';
import { DesktopService } from './desktop/desktop-service';
import type { StandupRepository } from './ports/standups';
import { StandupPoster } from './standup/standup-poster';
import { StandupService, type StandupSettings } from './standup/standup-service';
import { projectNamesOf } from './reports/task-projects';
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
  readonly issueIdCacheSize?: number;
}

export interface ScreenshotsDeps {
  readonly capturer: ScreenCapturer;
  readonly vault: ScreenshotVault;
  readonly repository: ScreenshotRepository;
  readonly notifier: Notifier;
  readonly random: Random;
}

export interface StandupDeps {
  readonly repository: StandupRepository;
  readonly requestTimeoutMs?: number;
}

export type CoreDeps = Omit<TrackerDeps, 'policy'> & {
  readonly standups: StandupDeps;
  readonly policy: PolicyDeps;
  readonly connections: ConnectionsDeps;
  readonly sync: SyncDeps;
  readonly screenshots: ScreenshotsDeps;
  /** Export (and later erase/retention); without it those operations are refused. */
  readonly dataRights?: DataRightsDeps;
  /** First-run consent: nothing is recorded until it is given. */
  readonly consent: ConsentRepository;
  /** Encrypted backups of the store; without it `backup now` is refused. */
  readonly backups?: Backups;
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
  readonly consent: ConsentService;
  readonly backups: BackupSchedule;
  /** The tray view, the notification rules and desktop commands (the app uses it; the agent only ticks it). */
  readonly desktop: DesktopService;
  /** Every notification goes through here: deduplicated and rate-limited. */
  readonly notifier: Notifier;
  /** Posts queued standups; started and stopped with the sync worker. */
  readonly standupPoster: StandupPoster;
  /** Validates and runs one synchronous operation of the contract. Never throws. */
  invoke<K extends OperationName>(name: K, input: unknown): Result<OperationOutput<K>>;
  /** Validates and runs any operation of the contract (the faces use this). Never rejects. */
  invokeAsync<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
}

/** Builds the core from its ports. Only composition roots (main/app) call this. */
export function createCore(deps: CoreDeps): Core {
  const { sources, state, userSettings, onChange, onProblem } = deps.policy;
  // One gate in front of the platform's notifier: every notification of the core is deduplicated and rate-limited.
  const notifier = new NotificationGate(deps.screenshots.notifier, deps.clock, deps.logger);
  const policy = new PolicyService(
    sources,
    state,
    userSettings,
    deps.clock,
    deps.logger,
    (sentences) => {
      onChange?.(sentences);
      notifier.notify(notifications.policyChanged(sentences));
    },
    (sentence) => {
      onProblem?.(sentence);
      notifier.notify(notifications.policyProblem(sentence));
    },
  );
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
  // Bound below, once the screenshot settings can be read.
  let consentGranted: () => boolean = () => false;
  let onIdlePending: (span: IdleSpanRecord) => void = () => undefined;
  const tracker = new Tracker({
    ...deps,
    store,
    policy,
    projectNames: () => projectNamesOf(deps.sync.assignedTasks),
    afterTick: () => {
      afterTick();
    },
    recording: () => consentGranted(),
    onIdlePending: (span) => {
      deps.onIdlePending?.(span);
      onIdlePending(span);
    },
  });
  const connectionPolicy = connectionPolicyOf(tracker.policy);
  const connections = new ConnectionService(repository, secrets, http, endpoints, deps.clock, deps.logger, connectionPolicy);
  const oauthDeps = { connections, secrets, http, endpoints, policy: connectionPolicy, clock: deps.clock, logger: deps.logger };
  connections.useOAuth(new OAuthConnections(oauthDeps));
  connections.useNotifier(notifier);
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
    ...(deps.sync.issueIdCacheSize !== undefined && { issueIdCacheSize: deps.sync.issueIdCacheSize }),
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
  const screenshots: ScreenshotService = new ScreenshotService({
    ...deps.screenshots,
    notifier,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    presence: () => tracker.screenshotPresence(),
    // An organization's requirement starts only once the person has been told (consent or notice).
    mayCapture: (settings) => consent.granted() && (settings.lockedBy === null || consent.covers('screenshots')),
  });
  const consent: ConsentService = new ConsentService({
    repository: deps.consent,
    policy,
    clock: deps.clock,
    notifier,
    logger: deps.logger,
    screenshots: () => screenshots.settings(),
  });
  consentGranted = () => consent.granted();
  const backups = new BackupSchedule({
    backups: deps.backups ?? null,
    clock: deps.clock,
    logger: deps.logger,
    keep: () => policy.get('backup.keep') as number,
    allowed: () => consent.granted(),
  });
  const retention =
    deps.dataRights === undefined
      ? null
      : new TimeRetention(deps.dataRights.retention, () => policy.get('retention.timeEntriesDays') as number, deps.clock, deps.logger);
  const rules: NotificationRules = new NotificationRules(
    notifier,
    () => ({
      forgotToStartMinutes: policy.get('notifications.forgotToStartMinutes') as number,
      forgotToStopMinutes: policy.get('notifications.forgotToStopMinutes') as number,
    }),
    (): string | null => desktop.recentTasks()[0] ?? null,
  );
  const desktop: DesktopService = new DesktopService({
    tracker,
    screenshots,
    outbox: deps.sync.outbox,
    connections: repository,
    syncProblems: () => syncProblems(repository.list(), policy.get('integrations.jira.mode')),
    rules,
  });
  onIdlePending = (span) => {
    rules.backFromIdle(span.id, span.startedAt, span.endedAt, tracker.timer.running()?.taskRef ?? null);
  };
  const standupPoster = new StandupPoster({
    standups: deps.standups.repository,
    connections,
    connectionRecords: repository,
    http,
    clock: deps.clock,
    scheduler: deps.scheduler,
    logger: deps.logger,
    random: deps.sync.random,
    installationId: () => deps.sync.outbox.installationId(),
    ...(deps.standups.requestTimeoutMs !== undefined && { requestTimeoutMs: deps.standups.requestTimeoutMs }),
  });
  const standups = new StandupService({
    standups: deps.standups.repository,
    assigned: deps.sync.assignedTasks,
    connections,
    settings: () => standupSettings(policy),
    enabled: () => policy.get('standup.enabled') === true,
    entriesBetween: (from, to) => tracker.entriesBetween(from, to),
    running: () => tracker.timer.running(),
    notifier,
    clock: deps.clock,
    logger: deps.logger,
    wake: () => {
      standupPoster.pump();
    },
  });
  afterTick = () => {
    consent.tick();
    retention?.tick();
    backups.tick();
    screenshots.tick();
    desktop.tick();
    standups.tick();
  };
  const data = new DataRights(deps.dataRights, deps.clock, {
    screenshots,
    policyHistory: () => policy.history(POLICY_HISTORY_IN_ARCHIVE).map(toPolicyChangeDto),
    connections: () => repository.list().map(toConnectionDto),
  });
  const handlers = createHandlers(tracker, connections, sync, assignedTasks, signIn, screenshots, data, standups, consent, backups);
  return {
    tracker,
    screenshots,
    consent,
    backups,
    desktop,
    notifier,
    connections,
    syncWorker,
    assignedTasks,
    standupPoster,
    invoke: (name, input) => invoke(handlers, name, input, deps.logger),
    invokeAsync: (name, input) => invokeAsync(handlers, name, input, deps.logger),
  };
}

/** The standup settings, read live from the effective settings. */
function standupSettings(policy: PolicyService): StandupSettings {
  const text = (key: Parameters<PolicyService['get']>[0]): string | null => {
    const value = policy.get(key);
    return typeof value === 'string' ? value : null;
  };
  const destination = policy.get('standup.destination');
  const weekdays = policy.get('standup.weekdays');
  return {
    enabled: policy.get('standup.enabled') === true,
    at: text('standup.at') ?? '09:30',
    weekdays: Array.isArray(weekdays) ? weekdays.filter((day): day is number => typeof day === 'number') : [],
    destination: destination === 'slack' || destination === 'teams' ? destination : null,
    destinationLocked: policy.entry('standup.destination').locked,
    reviewBeforePost: policy.get('standup.reviewBeforePost') !== false,
    slackChannel: text('standup.slackChannel'),
    teamsTeamId: text('standup.teamsTeamId'),
    teamsChannelId: text('standup.teamsChannelId'),
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
