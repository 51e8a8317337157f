import { consentGiven } from './consent-given';
import { createCore, type Core } from '../../main/core/core';
import { DEFAULT_LIMITS } from '../../main/core/sync/sync-worker';
import { createAxiosHttpClient } from '../../main/adapters/node/axios-http-client';
import { createEndpointRules } from '../../main/adapters/node/endpoint-rules';
import { nodeScheduler } from '../../main/adapters/node/node-scheduler';
import { createLoopbackBrowser } from '../../main/adapters/node/oauth/loopback-browser';
import { systemClock } from '../../main/adapters/node/system-clock';
import { createAssignedTaskRepository } from '../../main/store/assigned-task-repository';
import { createConnectionRepository } from '../../main/store/connection-repository';
import { createPolicyStateRepository } from '../../main/store/policy-state-repository';
import { createSettingsRepository } from '../../main/store/settings-repository';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { createStandupRepository } from '../../main/store/standup-repository';
import { createSyncRepository } from '../../main/store/sync-repository';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { FakePolicySource } from '../fakes/fake-policy';
import { FakePowerEvents } from '../fakes/fake-power-events';
import { screenshotFakes, type RecordingNotifier } from '../fakes/fake-screenshots';
import { playBrowser } from './browser-visit';
import { startRigBase } from './rig-base';

export interface StandupRig {
  readonly core: Core;
  readonly logs: string[];
  readonly dataDir: string;
  readonly notifier: RecordingNotifier;
  /** The machine policy "file": set() it, then core.tracker.policy.refresh(). */
  readonly policy: FakePolicySource;
  /** Starts the tracker's one-second tick (which runs the standup schedule). */
  startTicking(): void;
  /** begin -> the browser round trip -> finish; the connection's id. */
  signIn(provider: 'slack' | 'teams'): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real core with real adapters (a SQLite file, axios over loopback, the real keychain, system clock and timers,
 * the loopback OAuth listener) and the standup poster running: what the agent runs, in-process.
 */
export function startStandupRig(
  endpoints: Record<string, string>,
  apps: Record<string, unknown>,
  /** More of the machine policy (e.g. a standup section). */
  machinePolicy: Record<string, unknown> = {},
): StandupRig {
  const base = startRigBase('clockhand-standup-');
  const { dataDir, db, logs, logger } = base;
  const env = { CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1', CLOCKHAND_ENDPOINTS: JSON.stringify(endpoints) };
  const policy = new FakePolicySource('machine');
  policy.set({ version: 1, integrations: apps, ...machinePolicy });
  const screenshots = screenshotFakes(() => systemClock.now());
  const core = createCore({
    clock: systemClock,
    scheduler: nodeScheduler,
    store: createSqliteStore(db),
    policy: { sources: [policy], state: createPolicyStateRepository(db), userSettings: createSettingsRepository(db) },
    connections: {
      repository: createConnectionRepository(db),
      secrets: new KeytarSecretStore(),
      http: createAxiosHttpClient(),
      endpoints: createEndpointRules(env, logger),
      browser: createLoopbackBrowser({ allowHttpLoopback: true }),
    },
    sync: {
      outbox: createSyncRepository(db),
      assignedTasks: createAssignedTaskRepository(db),
      random: Math.random,
      limits: () => DEFAULT_LIMITS,
    },
    standups: { repository: createStandupRepository(db), requestTimeoutMs: 5_000 },
    consent: consentGiven(db),
    screenshots,
    activitySources: [],
    powerEvents: new FakePowerEvents(),
    logger,
    agent: base.agent,
  });
  core.standupPoster.start();
  let ticking = false;
  return {
    core,
    logs,
    dataDir,
    notifier: screenshots.notifier,
    policy,
    startTicking: () => {
      ticking = true;
      core.tracker.start();
    },
    signIn: async (provider) => {
      const begun = await core.invokeAsync('connection.oauth.begin', { provider });
      if (!begun.ok) throw new Error(begun.error.message);
      const finished = core.invokeAsync('connection.oauth.finish', { flow: begun.value.flow });
      await playBrowser(begun.value.url);
      const result = await finished;
      if (!result.ok) throw new Error(result.error.message);
      return result.value.id;
    },
    close: async () => {
      if (ticking) core.tracker.stop();
      core.standupPoster.stop();
      await core.standupPoster.idle();
      const keychain = new KeytarSecretStore();
      for (const connection of core.connections.list()) await keychain.delete(`connection-${String(connection.id)}`).catch(() => false);
      base.remove();
    },
  };
}
