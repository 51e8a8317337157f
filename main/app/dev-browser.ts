// `npm run dev:browser`: the development harness. The same runtime as `clockhand run` (core, store, control socket),
// plus the built renderer served on 127.0.0.1 with a shim that implements window.clockhand over a WebSocket guarded
// by a per-run token. For developing the window in a browser and for the browser end-to-end tests; not shipped.
import { fileURLToPath } from 'node:url';
import { Redactor } from '../core/logging/redactor';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json';
import { noPowerEvents } from '../core/ports/power-events';
import { SystemIdleTimeSource } from '../adapters/node/system-idle-time-source';
import { createStreamLogger, parseLogLevel } from '../adapters/node/stream-logger';
import { resolveDataDir } from '../adapters/node/data-dir';
import { startBrowserBridge } from '../adapters/node/browser-bridge/bridge-server';
import { HookActivitySource } from '../../native/input-hook/hook-activity-source';
import { nodeChildLauncher } from '../../native/input-hook/child-launcher';
import { startRuntime } from './runtime';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'log-level': { type: 'string', default: 'info' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port ${values.port}: expected 0..65535`);
  // The same redaction as the agent's logs: tokens, headers, e-mails and notes never reach the terminal.
  const redactor = new Redactor();
  const logger = createStreamLogger((line) => process.stderr.write(line), parseLogLevel(values['log-level']), redactor);
  const dataDir = resolveDataDir(values['data-dir']);
  const stopped = { done: (): void => undefined };
  const exit = new Promise<void>((resolve) => {
    stopped.done = resolve;
  });
  const runtime = await startRuntime({
    dataDir,
    face: 'agent',
    version: packageJson.version,
    screenshotWorker: here('./screenshot-worker.js'),
    activitySources: [
      new HookActivitySource({ scriptPath: here('./input-hook-child.js'), launcher: nodeChildLauncher() }),
      new SystemIdleTimeSource(),
    ],
    powerEvents: noPowerEvents,
    logger,
    redactor,
    onErased: () => {
      stopped.done();
    },
  });
  const bridge = await startBrowserBridge({
    rendererDir: here('../renderer'),
    invoke: (name, input) => runtime.invoke(name, input),
    logger,
    port,
  });
  // The one line tests and developers read: open this URL (the token is in the fragment).
  process.stdout.write(`Clockhand browser harness: ${bridge.url}\n`);
  const shutdown = (): void => {
    stopped.done();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await exit;
  await bridge.close();
  await runtime.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`clockhand dev:browser: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
