// The Electron composition root: the same core and store as the headless agent, with Electron's adapters
// (utility-process input hook, powerMonitor idle time and power events) and the IPC router for the window.
// The tray, notifications and the full window come with the UI issue.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, dialog, ipcMain } from 'electron';
import packageJson from '../../package.json';
import { HookActivitySource } from '../../native/input-hook/hook-activity-source';
import { resolveDataDir } from '../adapters/node/data-dir';
import { createStreamLogger, parseLogLevel } from '../adapters/node/stream-logger';
import { electronPowerEvents } from '../adapters/electron/electron-power-events';
import { PowerMonitorIdleSource } from '../adapters/electron/power-monitor-idle-source';
import { createSecureWindow, lockDownSession } from '../adapters/electron/secure-window';
import { utilityProcessLauncher } from '../adapters/electron/utility-process-launcher';
import { createIpcRouter, INVOKE_CHANNEL, rendererUrlMatcher } from '../ipc/ipc-router';
import { RuntimeStartError, startRuntime, type Runtime } from './runtime';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const hookScript = here('./input-hook-child.js');
const preloadScript = here('../preload/index.cjs');
const rendererUrl = pathToFileURL(here('../renderer/index.html')).href;
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;

const logger = createStreamLogger((line) => process.stderr.write(line), parseLogLevel(process.env.CLOCKHAND_LOG_LEVEL));

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // The CLI and the agent use the same directory (CLOCKHAND_DATA_DIR or the userData default).
  const dataDir = resolveDataDir(undefined);
  app.setPath('userData', dataDir);
  await app.whenReady();
  lockDownSession();

  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      dataDir,
      face: 'app',
      version: packageJson.version,
      // In a packaged app electron-builder's npmRebuild builds better-sqlite3 for Electron's ABI in place;
      // CLOCKHAND_SQLITE_BINDING points at another build during development.
      ...(process.env.CLOCKHAND_SQLITE_BINDING !== undefined && { nativeBinding: process.env.CLOCKHAND_SQLITE_BINDING }),
      activitySources: [
        new HookActivitySource({ scriptPath: hookScript, launcher: utilityProcessLauncher('Clockhand input hook') }),
        new PowerMonitorIdleSource(),
      ],
      powerEvents: electronPowerEvents,
      logger,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(error instanceof RuntimeStartError ? 'Clockhand is already running' : 'Clockhand could not start', message);
    app.exit(1);
    return;
  }

  const isOwnUrl = rendererUrlMatcher(rendererUrl, devServerUrl);
  const route = createIpcRouter({
    invoke: (name, input) => runtime.invoke(name, input),
    isTrustedSender: isOwnUrl,
    warn: (message, fields) => {
      logger.warn(message, fields);
    },
  });
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => route(event.senderFrame?.url ?? null, name, input));

  const openWindow = (): void => {
    createSecureWindow({ preloadPath: preloadScript, url: devServerUrl ?? rendererUrl, isOwnUrl });
  };
  openWindow();
  app.on('second-instance', openWindow);
  app.on('activate', openWindow);
  // Tracking runs in the background: closing the window does not quit (the tray issue adds the Quit item).
  app.on('window-all-closed', () => undefined);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    runtime.stop().then(
      () => {
        app.quit();
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        app.exit(1);
      },
    );
  });
}

main().catch((error: unknown) => {
  logger.error('startup failed', { error: error instanceof Error ? error.message : String(error) });
  app.exit(1);
});
