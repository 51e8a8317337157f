import { consentGiven } from './consent-given';
import { screenshotFakes } from '../fakes/fake-screenshots';
import { createCore, type Core } from '../../main/core/core';
import { createAxiosHttpClient } from '../../main/adapters/node/axios-http-client';
import { createEndpointRules } from '../../main/adapters/node/endpoint-rules';
import { nodeScheduler } from '../../main/adapters/node/node-scheduler';
import { systemClock } from '../../main/adapters/node/system-clock';
import { createConnectionRepository } from '../../main/store/connection-repository';
import { createPolicyStateRepository } from '../../main/store/policy-state-repository';
import { createSettingsRepository } from '../../main/store/settings-repository';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { createSyncRepository } from '../../main/store/sync-repository';
import { createStandupRepository } from '../../main/store/standup-repository';
import { createAssignedTaskRepository } from '../../main/store/assigned-task-repository';
import type { SyncRepository } from '../../main/core/ports/sync';
import { InMemorySecretStore } from '../fakes/in-memory-secret-store';
import { FakePowerEvents } from '../fakes/fake-power-events';
import { startRigBase } from './rig-base';

/** Resolves when nothing is pending or in flight in the outbox (fails after `timeoutMs`). */
export async function drained(outbox: SyncRepository, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = outbox.counts();
    if (counts.pending + counts.in_flight === 0) return;
    if (Date.now() > deadline) throw new Error(`the outbox did not drain within ${String(timeoutMs)} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SyncRig {
  readonly core: Core;
  readonly outbox: SyncRepository;
  readonly logs: string[];
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * The real core with real adapters (SQLite file on disk, axios over loopback, system clock and timers) and no control
 * socket: what the agent runs, in-process, so a test can drive the sync worker against a fake vendor.
 */
export function startSyncRig(
  jiraBaseUrl: string,
  options: {
    rate?: number;
    burst?: number;
    concurrency?: number;
    timeoutMs?: number;
    startWorker?: boolean;
    /** A small Tempo issue-id cache, to drive it past its cap. */
    issueIdCacheSize?: number;
    /** More CLOCKHAND_ENDPOINTS entries (provider -> base URL). */
    endpoints?: Record<string, string>;
  } = {},
): SyncRig {
  const base = startRigBase('clockhand-sync-');
  const { dataDir, db, logs, logger } = base;
  const env = { CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1', CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jiraBaseUrl, ...options.endpoints }) };
  const outbox = createSyncRepository(db);
  const rate = options.rate ?? 50;
  const consent = consentGiven(db);
  const core = createCore({
    standups: { repository: createStandupRepository(db) },
    consent,
    clock: systemClock,
    scheduler: nodeScheduler,
    store: createSqliteStore(db),
    policy: { sources: [], state: createPolicyStateRepository(db), userSettings: createSettingsRepository(db) },
    connections: {
      repository: createConnectionRepository(db),
      secrets: new InMemorySecretStore(),
      http: createAxiosHttpClient(),
      endpoints: createEndpointRules(env, logger),
    },
    sync: {
      outbox,
      assignedTasks: createAssignedTaskRepository(db),
      random: Math.random,
      limits: () => ({ ratePerSecond: rate, burst: options.burst ?? rate, concurrency: options.concurrency ?? 4 }),
      ...(options.timeoutMs !== undefined && { requestTimeoutMs: options.timeoutMs }),
      ...(options.issueIdCacheSize !== undefined && { issueIdCacheSize: options.issueIdCacheSize }),
    },
    // Screenshots stay off here (the fakes of its ports): these tests are about other things.
    screenshots: screenshotFakes(() => systemClock.now()),
    activitySources: [],
    powerEvents: new FakePowerEvents(),
    logger,
    agent: base.agent,
  });
  if (options.startWorker !== false) core.syncWorker.start();
  return {
    core,
    outbox,
    logs,
    dataDir,
    close: async () => {
      core.syncWorker.stop();
      await core.syncWorker.idle();
      base.remove();
    },
  };
}
