import { join } from 'node:path';
import type { OperationName, OperationOutput } from '../../common/contract';
import type { Result } from '../../common/result';
import { createCore } from '../core/core';
import type { ActivitySource } from '../core/ports/activity-source';
import type { Logger } from '../core/ports/logger';
import type { PowerEvents } from '../core/ports/power-events';
import { acquireAgentLock } from '../adapters/node/agent-lock';
import { AgentNotRunningError, callAgent } from '../adapters/node/control-client';
import { startControlServer } from '../adapters/node/control-server';
import { controlSocketPath, DATABASE_FILE, prepareDataDir } from '../adapters/node/data-dir';
import { nodeScheduler } from '../adapters/node/node-scheduler';
import { systemClock } from '../adapters/node/system-clock';
import { openDatabase } from '../store/database';
import { createSettingsRepository } from '../store/settings-repository';
import { createSqliteStore } from '../store/sqlite-store';
import { defaultPolicySources } from '../adapters/node/policy-file-source';
import { MachinePolicyWithRemote, RemotePolicyCache, RemotePolicyFetcher } from '../adapters/node/remote-policy';
import { createPolicyStateRepository } from '../store/policy-state-repository';
import { createConnectionRepository } from '../store/connection-repository';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { createAxiosHttpClient } from '../adapters/node/axios-http-client';
import { createEndpointRules } from '../adapters/node/endpoint-rules';
import { createSyncRepository } from '../store/sync-repository';
import { createAssignedTaskRepository } from '../store/assigned-task-repository';
import { syncLimitsFromEnv } from '../adapters/node/sync-limits';
import { createLoopbackBrowser } from '../adapters/node/oauth/loopback-browser';
import type { Notifier } from '../core/ports/notifier';
import type { DesktopService } from '../core/desktop/desktop-service';
import { createScreenshots } from './runtime-screenshots';
import { createExportEntrySource } from '../store/export-repository';
import { createExportFiles } from '../adapters/node/export-files';
import { eraseEverything } from '../adapters/node/erase';
import { createTimeRetentionRepository } from '../store/retention-repository';
import { createStandupRepository } from '../store/standup-repository';
import { createConsentRepository } from '../store/consent-repository';
import type { Redactor } from '../core/logging/redactor';
import { rememberingSecrets } from '../core/logging/remembering-secret-store';
import { createEncryptedBackups } from '../adapters/node/backup/encrypted-backups';

export interface RuntimeOptions {
  readonly dataDir: string;
  readonly face: 'agent' | 'app';
  readonly version: string;
  readonly activitySources: ActivitySource[];
  readonly powerEvents: PowerEvents;
  readonly logger: Logger;
  /** The logger's redactor: told every secret that passes through the keychain. */
  readonly redactor?: Redactor;
  /** The built screenshot worker script (out/main/screenshot-worker.js). */
  readonly screenshotWorker: string;
  /** Desktop notifications (the app's own); the agent uses notify-send when there is one. */
  readonly notifier?: Notifier;
  /** An Electron-ABI better-sqlite3 build, for the app. */
  readonly nativeBinding?: string;
  /** Called once `clockhand erase` has stopped the runtime and deleted everything: the face exits. */
  readonly onErased?: () => void;
}

export interface Runtime {
  readonly socketPath: string;
  /** The desktop face's core logic: tray view, desktop commands, notification rules (the app uses it). */
  readonly desktop: DesktopService;
  invoke<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  stop(): Promise<void>;
}

export class RuntimeStartError extends Error {}

/**
 * The shared composition of the core with Node adapters, used by the headless agent and the Electron app:
 * data directory, single-instance lock, store, core, control socket.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { dataDir, logger } = options;
  prepareDataDir(dataDir);
  const socketPath = controlSocketPath(dataDir);
  const lock = acquireAgentLock(dataDir, options.nativeBinding);
  if (!lock) throw new RuntimeStartError(await describeHolder(dataDir, socketPath));
  const db = openDatabase(
    join(dataDir, DATABASE_FILE),
    options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
  );
  // The machine policy may name a signed remote bundle: fetched in the background, cached verified, applied beneath it.
  const fileSources = defaultPolicySources();
  const remoteCache = new RemotePolicyCache(dataDir);
  const policySources = fileSources.map((source) =>
    source.scope === 'machine' ? new MachinePolicyWithRemote(source, remoteCache) : source,
  );
  const machineFile = fileSources.find((source) => source.scope === 'machine');
  const remoteOverride = process.env.CLOCKHAND_POLICY_REMOTE_URL;
  const remotePolicy =
    machineFile === undefined
      ? null
      : new RemotePolicyFetcher(
          machineFile,
          remoteCache,
          createAxiosHttpClient(),
          logger,
          remoteOverride === undefined || remoteOverride === '' ? null : remoteOverride,
        );
  const keychain = new KeytarSecretStore();
  const secrets = options.redactor === undefined ? keychain : rememberingSecrets(keychain, options.redactor);
  const screenshots = createScreenshots({
    db,
    dataDir,
    secrets,
    logger,
    workerScript: options.screenshotWorker,
    notifier: options.notifier,
  });
  // Bound below, once the runtime can stop itself.
  let startErase: () => void = () => undefined;
  const core = createCore({
    clock: systemClock,
    scheduler: nodeScheduler,
    store: createSqliteStore(db),
    policy: {
      sources: policySources,
      state: createPolicyStateRepository(db),
      userSettings: createSettingsRepository(db),
      // The core raises the notification (the same sentences as `clockhand policy history`); the log keeps them too.
      onChange: (sentences) => {
        for (const sentence of sentences) logger.info('organization policy changed', { sentence });
      },
    },
    connections: {
      repository: createConnectionRepository(db),
      secrets,
      http: createAxiosHttpClient(),
      endpoints: createEndpointRules(process.env, logger),
      browser: createLoopbackBrowser({ allowHttpLoopback: process.env.CLOCKHAND_ALLOW_HTTP_LOOPBACK === '1' }),
    },
    sync: {
      outbox: createSyncRepository(db),
      assignedTasks: createAssignedTaskRepository(db),
      random: Math.random,
      limits: syncLimitsFromEnv(process.env, logger),
    },
    standups: { repository: createStandupRepository(db) },
    screenshots: screenshots.deps,
    dataRights: {
      entries: createExportEntrySource(db),
      files: createExportFiles(dataDir),
      retention: createTimeRetentionRepository(db),
      erase: () => {
        startErase();
      },
    },
    consent: createConsentRepository(db),
    backups: createEncryptedBackups(db, dataDir, secrets, logger, () => systemClock.now()),
    activitySources: options.activitySources,
    powerEvents: options.powerEvents,
    logger,
    agent: { pid: process.pid, version: options.version, face: options.face, dataDir, startedAt: systemClock.now() },
  });
  core.tracker.start();
  remotePolicy?.start();
  core.syncWorker.start();
  core.standupPoster.start();
  core.assignedTasks.start();
  core.screenshots.start();
  let server;
  try {
    server = await startControlServer(socketPath, (name, params) => core.invokeAsync(name, params), logger);
  } catch (error) {
    remotePolicy?.stop();
    core.syncWorker.stop();
    core.standupPoster.stop();
    core.assignedTasks.stop();
    core.tracker.stop();
    core.screenshots.stop();
    await screenshots.close();
    db.close();
    lock.release();
    throw new RuntimeStartError(
      `cannot serve the control socket at ${socketPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  logger.info('runtime started', {
    face: options.face,
    dataDir,
    socket: socketPath,
    policy: policySources.map((s) => s.location).join(', '),
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.close();
    remotePolicy?.stop();
    core.syncWorker.stop();
    core.standupPoster.stop();
    core.assignedTasks.stop();
    await core.syncWorker.idle();
    await core.standupPoster.idle();
    core.tracker.stop();
    core.screenshots.stop();
    await core.screenshots.settled().catch(() => undefined);
    await core.backups.settled();
    await screenshots.close();
    db.close();
    lock.release();
    logger.info('runtime stopped', {});
  };
  startErase = () => {
    logger.warn('erase requested: stopping, then deleting keychain entries, database, screenshots and logs', {});
    // Give the control socket a moment to deliver the answer before the server closes its connections.
    setTimeout(() => {
      void (async () => {
        try {
          await stop();
          const report = await eraseEverything(dataDir, secrets);
          logger.info('erased', { secrets: report.secrets, removed: report.removed.join(', ') });
        } catch (error) {
          logger.error('erase failed', { error: error instanceof Error ? error.message : String(error) });
        } finally {
          options.onErased?.();
        }
      })();
    }, 300);
  };
  return {
    socketPath,
    desktop: core.desktop,
    invoke: (name, input) => core.invokeAsync(name, input),
    stop,
  };
}

async function describeHolder(dataDir: string, socketPath: string): Promise<string> {
  const base = `another Clockhand agent or app is already running on ${dataDir}`;
  try {
    const answer = await callAgent(socketPath, 'status', {}, 3_000);
    if (answer.ok && typeof answer.value === 'object' && answer.value !== null && 'agent' in answer.value) {
      const agent = answer.value.agent as { pid?: unknown; face?: unknown };
      return `${base} (${String(agent.face)}, pid ${String(agent.pid)})`;
    }
  } catch (error) {
    if (!(error instanceof AgentNotRunningError)) return base;
  }
  return base;
}
