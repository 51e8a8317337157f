// The Electron composition root: the same core and store as the headless agent, with Electron's adapters
// (utility-process input hook, powerMonitor idle time and power events) and the IPC router for the window.
// The tray, notifications and the full window come with the UI issue.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import packageJson from '../../package.json';
import { HookActivitySource } from '../../native/input-hook/hook-activity-source';
import { resolveDataDir } from '../adapters/node/data-dir';
import { createStreamLogger, parseLogLevel } from '../adapters/node/stream-logger';
import { Redactor } from '../core/logging/redactor';
import { RotatingLogFile } from '../adapters/node/log-files';
import { electronPowerEvents } from '../adapters/electron/electron-power-events';
import { PowerMonitorIdleSource } from '../adapters/electron/power-monitor-idle-source';
import { createSecureWindow, lockDownSession } from '../adapters/electron/secure-window';
import { utilityProcessLauncher } from '../adapters/electron/utility-process-launcher';
import { createIpcRouter, INVOKE_CHANNEL, rendererUrlMatcher } from '../ipc/ipc-router';
import { RuntimeStartError, startRuntime, type Runtime } from './runtime';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const hookScript = here('./input-hook-child.js');
const screenshotWorker = here('./screenshot-worker.js');
const preloadScript = here('../preload/index.cjs');
const rendererUrl = pathToFileURL(here('../renderer/index.html')).href;
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;

const redactor = new Redactor();
// The log file opens once the data directory is known; both sinks are behind the one redactor.
let logFile: RotatingLogFile | null = null;
const logger = createStreamLogger(
  (line) => {
    process.stderr.write(line);
    logFile?.write(line);
  },
  parseLogLevel(process.env.CLOCKHAND_LOG_LEVEL),
  redactor,
);

/**
 * better-sqlite3 is not Node-API: node_modules holds the Node-ABI build (tests, agent, CLI). In a packaged app
 * electron-builder's `npmRebuild: true` rebuilds it for Electron's ABI in place (app.asar.unpacked), and the default
 * lookup finds it. During development CLOCKHAND_SQLITE_BINDING may point at an Electron-ABI better_sqlite3.node;
 * it is passed only if that file exists.
 */
function electronSqliteBinding(): string | undefined {
  const path = process.env.CLOCKHAND_SQLITE_BINDING;
  if (path === undefined || path === '') return undefined;
  if (existsSync(path)) return path;
  logger.warn('CLOCKHAND_SQLITE_BINDING does not exist; using the default better-sqlite3 build', { path });
  return undefined;
}

/** Only the top frame of our own renderer may call the core (no subframe, no other page). */
function senderUrl(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return null;
  return frame.url;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // The CLI and the agent use the same directory: CLOCKHAND_DATA_DIR, or defaultDataDir(), which is exactly
  // Electron's default userData for an app named Clockhand (appData + productName). Setting it keeps
  // app.getPath('userData') and the store in one place even when CLOCKHAND_DATA_DIR is set.
  const dataDir = resolveDataDir(undefined);
  app.setPath('userData', dataDir);
  logFile = new RotatingLogFile(dataDir);
  await app.whenReady();
  lockDownSession();

  let runtime: Runtime;
  const sqliteBinding = electronSqliteBinding();
  try {
    runtime = await startRuntime({
      dataDir,
      face: 'app',
      version: packageJson.version,
      screenshotWorker,
      ...(sqliteBinding !== undefined && { nativeBinding: sqliteBinding }),
      activitySources: [
        new HookActivitySource({ scriptPath: hookScript, launcher: utilityProcessLauncher('Clockhand input hook') }),
        new PowerMonitorIdleSource(),
      ],
      powerEvents: electronPowerEvents,
      logger,
      redactor,
      // Erase stopped the runtime and deleted everything: nothing is left to run for.
      onErased: () => {
        app.exit(0);
      },
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
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => route(senderUrl(event), name, input));

  // One window: a second launch (or a click on the dock icon) brings it back instead of opening another.
  let window: BrowserWindow | null = null;
  const showWindow = (): void => {
    if (window !== null && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createSecureWindow({
      preloadPath: preloadScript,
      url: devServerUrl ?? rendererUrl,
      onLoadFailed: (reason) => {
        logger.error('the window could not load its page', { reason });
      },
    });
    window.once('closed', () => {
      window = null;
    });
  };
  showWindow();
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
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
