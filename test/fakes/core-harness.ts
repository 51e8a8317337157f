import { createCore, type Core } from '../../main/core/core';
import type { DataRightsDeps } from '../../main/core/data-rights';
import type { Logger } from '../../main/core/ports/logger';
import type { Store } from '../../main/core/ports/repositories';
import type { TrackingSettings } from '../../main/core/ports/settings';
import { openDatabase } from '../../main/store/database';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { createConnectionRepository } from '../../main/store/connection-repository';
import { createSyncRepository } from '../../main/store/sync-repository';
import { createAssignedTaskRepository } from '../../main/store/assigned-task-repository';
import { createStandupRepository } from '../../main/store/standup-repository';
import { DEFAULT_LIMITS } from '../../main/core/sync/sync-worker';
import { InMemorySecretStore } from './in-memory-secret-store';
import { FakeActivitySource } from './fake-activity-source';
import { FakePolicySource, InMemoryPolicyState, InMemoryUserSettings } from './fake-policy';
import { FakePowerEvents } from './fake-power-events';
import { FakeTime } from './fake-time';
import { screenshotFakes, type ScreenshotFakes } from './fake-screenshots';
import { InMemoryConsent } from './in-memory-consent';

export interface LogLine {
  readonly level: string;
  readonly message: string;
}

/** The policy side of a harness: two policy files, the stored policy state and the user's own settings. */
export interface PolicyFakes {
  readonly machine: FakePolicySource;
  readonly userPolicy: FakePolicySource;
  readonly state: InMemoryPolicyState;
  readonly userSettings: InMemoryUserSettings;
  readonly announced: string[];
  /** What onProblem was called with (the notifications about a broken policy). */
  readonly problems: string[];
}

function policyFakes(settings: Partial<TrackingSettings>): PolicyFakes {
  const userSettings = new InMemoryUserSettings();
  for (const [key, value] of Object.entries(settings)) userSettings.set(`activity.${key}`, value);
  return {
    machine: new FakePolicySource('machine'),
    userPolicy: new FakePolicySource('user-policy'),
    state: new InMemoryPolicyState(),
    userSettings,
    announced: [],
    problems: [],
  };
}

export interface CoreHarness {
  readonly core: Core;
  readonly time: FakeTime;
  readonly store: Store;
  readonly source: FakeActivitySource;
  readonly power: FakePowerEvents;
  readonly logs: LogLine[];
  readonly policy: PolicyFakes;
  readonly screenshots: ScreenshotFakes;
  readonly consent: InMemoryConsent;
  /** Stops this core cleanly and builds a new one on the same store (a new process: new timers). */
  restart(afterMs?: number): CoreHarness;
  /** The process dies (no clean stop); a new one starts on the same store after `afterMs`. */
  crash(afterMs: number): CoreHarness;
}

/** The optional parts of a harness, by name: each one left out is a fresh fake (or none, for dataRights). */
export interface CoreHarnessParts {
  /** The store the core reads and writes; default a new in-memory SQLite store. */
  readonly store?: Store;
  /** The clock and scheduler; default a new FakeTime at `startWall`. */
  readonly time?: FakeTime;
  /** The policy files, policy state and user settings; default new fakes holding `settings` as user settings. */
  readonly policy?: PolicyFakes;
  /** Capturer, vault, screenshot repository, notifier and random source; default fakes on the harness clock. */
  readonly screenshots?: ScreenshotFakes;
  /** Export, erase and retention dependencies; default none (the core runs without data rights). */
  readonly dataRights?: DataRightsDeps;
  /** The stored consent; default consent already given (the consent tests pass one without it). */
  readonly consent?: InMemoryConsent;
}

/** The real core on a real (in-memory) SQLite store, with fake time, input and power events. */
export function coreHarness(startWall: number, settings: Partial<TrackingSettings> = {}, parts: CoreHarnessParts = {}): CoreHarness {
  const { dataRights } = parts;
  const consent = parts.consent ?? new InMemoryConsent(true);
  const policy = parts.policy ?? policyFakes(settings);
  const clock = parts.time ?? new FakeTime(startWall);
  const db = parts.store ?? createSqliteStore(openDatabase(':memory:'));
  const screenshots = parts.screenshots ?? screenshotFakes(() => clock.now());
  const source = new FakeActivitySource();
  const power = new FakePowerEvents();
  const logs: LogLine[] = [];
  const logger: Logger = {
    debug: (message) => logs.push({ level: 'debug', message }),
    info: (message) => logs.push({ level: 'info', message }),
    warn: (message) => logs.push({ level: 'warn', message }),
    error: (message) => logs.push({ level: 'error', message }),
  };
  const core = createCore({
    standups: { repository: createStandupRepository(openDatabase(':memory:')) },
    clock,
    scheduler: clock,
    store: db,
    policy: {
      sources: [policy.machine, policy.userPolicy],
      state: policy.state,
      userSettings: policy.userSettings,
      onChange: (sentences) => policy.announced.push(...sentences),
      onProblem: (sentence) => policy.problems.push(sentence),
    },
    connections: {
      repository: createConnectionRepository(openDatabase(':memory:')),
      secrets: new InMemorySecretStore(),
      http: { request: () => Promise.reject(new Error('the core harness has no network')) },
      endpoints: {
        resolve: () => ({ ok: false, message: 'the core harness has no endpoints' }),
        known: () => 'https://no-network.invalid',
        webhook: () => ({ ok: false, message: 'the core harness has no endpoints' }),
      },
    },
    // No connections here, so nothing reaches the outbox (the sync tests use a harness of their own).
    sync: {
      outbox: createSyncRepository(openDatabase(':memory:')),
      assignedTasks: createAssignedTaskRepository(openDatabase(':memory:')),
      random: () => 0.5,
      limits: () => DEFAULT_LIMITS,
    },
    screenshots,
    ...(dataRights !== undefined && { dataRights }),
    consent,
    activitySources: [source],
    powerEvents: power,
    logger,
    agent: { pid: 1, version: 'test', face: 'agent', dataDir: '/tmp/test', startedAt: clock.now() },
  });
  core.tracker.start();
  core.screenshots.start();
  // A new process on the same store, policy, screenshots and consent, with a new clock (new timers).
  const nextProcess = (afterMs: number): CoreHarness =>
    coreHarness(clock.now() + afterMs, settings, { store: db, policy, screenshots, dataRights, consent });
  return {
    core,
    time: clock,
    store: db,
    source,
    power,
    logs,
    policy,
    screenshots,
    consent,
    restart: (afterMs = 0) => {
      core.tracker.stop();
      core.screenshots.stop();
      return nextProcess(afterMs);
    },
    crash: (afterMs) => nextProcess(afterMs),
  };
}

/** Unwraps an ok Result or fails the test with the error. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Lets async work (keychain check, capture, seal) finish. */
export async function settle(h: CoreHarness): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  await h.core.screenshots.settled();
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

/** Lets `ms` pass with mouse input every second, a minute at a time so captures can settle. */
export async function workSettling(h: CoreHarness, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 60_000) {
    h.time.advance(Math.min(60_000, left), () => {
      h.source.emit('mouse');
    });
    await settle(h);
  }
}
