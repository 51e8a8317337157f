import { noPowerEvents } from '../core/ports/power-events';
import { SystemIdleTimeSource } from '../adapters/node/system-idle-time-source';
import { crashFields, createStreamLogger, parseLogLevel } from '../adapters/node/stream-logger';
import { RotatingLogFile } from '../adapters/node/log-files';
import { prepareDataDir } from '../adapters/node/data-dir';
import { Redactor } from '../core/logging/redactor';
import { HookActivitySource } from '../../native/input-hook/hook-activity-source';
import { nodeChildLauncher } from '../../native/input-hook/child-launcher';
import { startRuntime } from './runtime';

export interface AgentOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly hookScript: string;
  /** The built screenshot worker (out/main/screenshot-worker.js). */
  readonly screenshotWorker: string;
  readonly logLevel?: string;
}

/**
 * `clockhand run`: the core in plain Node. Activity comes from the input hook (in its own process, because
 * libuiohook aborts without an X display) and falls back to the system idle time when the hook dies.
 */
export async function runAgent(options: AgentOptions): Promise<void> {
  // One redaction layer in front of both sinks: stderr and the rotating file in <data dir>/logs.
  const redactor = new Redactor();
  prepareDataDir(options.dataDir);
  const file = new RotatingLogFile(options.dataDir);
  const logger = createStreamLogger(
    (line) => {
      process.stderr.write(line);
      file.write(line);
    },
    parseLogLevel(options.logLevel),
    redactor,
  );
  // Crash records carry the error's kind, its redacted message and file:line frames; nothing personal.
  process.on('uncaughtExceptionMonitor', (error) => {
    logger.error('crash', crashFields(error, redactor));
  });
  let erased: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    erased = resolve;
  });
  const runtime = await startRuntime({
    dataDir: options.dataDir,
    face: 'agent',
    version: options.version,
    screenshotWorker: options.screenshotWorker,
    activitySources: [
      new HookActivitySource({ scriptPath: options.hookScript, launcher: nodeChildLauncher() }),
      new SystemIdleTimeSource(),
    ],
    powerEvents: noPowerEvents,
    logger,
    redactor,
    onErased: () => {
      file.close();
      erased();
    },
  });
  process.stdout.write(`Clockhand agent running. Data: ${options.dataDir}  Socket: ${runtime.socketPath}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (): void => {
      runtime.stop().then(resolve, (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        resolve();
      });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    void done.then(() => {
      process.stdout.write('Clockhand data erased; the agent has stopped.\n');
      resolve();
    });
  });
}
