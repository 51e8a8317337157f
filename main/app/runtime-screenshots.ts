import type Database from 'better-sqlite3';
import { cryptoRandom } from '../adapters/node/crypto-random';
import { createDesktopNotifier } from '../adapters/node/desktop-notifier';
import { EncryptedScreenshotVault } from '../adapters/node/screenshots/encrypted-vault';
import { builtWorker, VaultWorkerClient, type WorkerFactory } from '../adapters/node/screenshots/vault-worker-client';
import { systemClock } from '../adapters/node/system-clock';
import type { ScreenshotsDeps } from '../core/core';
import type { Logger } from '../core/ports/logger';
import type { Notifier } from '../core/ports/notifier';
import type { SecretStore } from '../core/ports/secret-store';
import { createDayKeyRepository, createScreenshotRepository } from '../store/screenshot-repository';
import { ScreenshotDesktopCapturer } from '../../native/screen-capture/screenshot-desktop-capturer';
import { WorkerCaptureBackend } from '../../native/screen-capture/worker-capture-backend';
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';

export interface ScreenshotComposition {
  readonly deps: ScreenshotsDeps;
  close(): Promise<void>;
}

/** The screenshot vault's production parts: screenshot-desktop, the worker thread, the keychain, SQLite. */
export function createScreenshots(options: {
  readonly db: Database.Database;
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly workerScript: string;
  readonly workerFactory?: WorkerFactory;
  readonly notifier?: Notifier | undefined;
}): ScreenshotComposition {
  const worker = new VaultWorkerClient(options.workerFactory ?? builtWorker(options.workerScript));
  // Built next to the vault worker in out/main/: screenshot-desktop's process spawning runs off the main thread too.
  const captureScript = join(dirname(options.workerScript), 'screen-capture-worker.js');
  const captureBackend = new WorkerCaptureBackend(() => new Worker(captureScript));
  const vault = new EncryptedScreenshotVault({
    dataDir: options.dataDir,
    secrets: options.secrets,
    dayKeys: createDayKeyRepository(options.db),
    worker,
    now: () => systemClock.now(),
    logger: options.logger,
  });
  return {
    deps: {
      capturer: new ScreenshotDesktopCapturer({ env: process.env, platform: process.platform, backend: captureBackend }),
      vault,
      repository: createScreenshotRepository(options.db),
      notifier: options.notifier ?? createDesktopNotifier(process.env, options.logger),
      random: cryptoRandom,
    },
    close: async () => {
      captureBackend.reset();
      await worker.close();
    },
  };
}
