// The Electron composition root: the same core and store as the headless agent (including the CLI's control
// socket, so `clockhand status` works against the app), with Electron's adapters: utility-process input hook,
// powerMonitor idle time and power events, notifications, the tray, app:// and screenshot protocols, the window.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import packageJson from '../../package.json';
import { HookActivitySource } from '../../native/input-hook/hook-activity-source';
import { resolveDataDir } from '../adapters/node/data-dir';
import { createStreamLogger, parseLogLevel } from '../adapters/node/stream-logger';
import { Redactor } from '../core/logging/redactor';
import { RotatingLogFile } from '../adapters/node/log-files';
import { registerAppSchemes, serveRenderer, serveScreenshots } from '../adapters/electron/app-protocols';
import { DesktopIntegration } from '../adapters/electron/desktop-integration';
import { createElectronNotifier } from '../adapters/electron/electron-notifier';
import { electronPowerEvents } from '../adapters/electron/electron-power-events';
import { ElectronTray } from '../adapters/electron/electron-tray';
import { PowerMonitorIdleSource } from '../adapters/electron/power-monitor-idle-source';
import { createSecureWindow, lockDownSession, openExternal } from '../adapters/electron/secure-window';
import { utilityProcessLauncher } from '../adapters/electron/utility-process-launcher';
import { isAllowedExternalUrl, RENDERER_ENTRY_URL } from '../core/desktop/app-protocol-rules';
import type { DesktopCommand } from '../core/desktop/desktop-commands';
import { createEventSender } from '../ipc/event-sender';
import { createIpcRouter, INVOKE_CHANNEL, rendererUrlMatcher } from '../ipc/ipc-router';
import { withSignInPages } from '../ipc/sign-in-pages';
import { DesktopShell } from './electron-desktop';
import { RuntimeStartError, startRuntime, type Runtime } from './runtime';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const hookScript = here('./input-hook-child.js');
const screenshotWorker = here('./screenshot-worker.js');
const preloadScript = here('../preload/index.cjs');
const rendererDir = here('../renderer');
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
 * lookup finds it. `npm start` builds an Electron-ABI copy (scripts/electron-sqlite.mjs) and passes it in
 * CLOCKHAND_SQLITE_BINDING; it is used only if that file exists.
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
  // A second launch hands over to the first (which shows its window) and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppSchemes();
  // The CLI and the agent use the same directory: CLOCKHAND_DATA_DIR, or defaultDataDir(), which is exactly
  // Electron's default userData for an app named Clockhand (appData + productName). Setting it keeps
  // app.getPath('userData') and the store in one place even when CLOCKHAND_DATA_DIR is set.
  const dataDir = resolveDataDir(undefined);
  app.setPath('userData', dataDir);
  logFile = new RotatingLogFile(dataDir);
  await app.whenReady();
  lockDownSession();
  serveRenderer(rendererDir);

  let shell: DesktopShell | null = null;
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
      notifier: createElectronNotifier(logger, (actionId) => {
        shell?.runAction(actionId);
      }),
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

  const isOwnUrl = rendererUrlMatcher(RENDERER_ENTRY_URL, devServerUrl);
  const route = createIpcRouter({
    // Browser sign-in from the window: the main process opens the authorization page (https allowlist only).
    invoke: withSignInPages(
      (name, input) => runtime.invoke(name, input),
      (url) => {
        openExternal(url, (link) => isAllowedExternalUrl(link));
      },
    ),
    isTrustedSender: isOwnUrl,
    warn: (message, fields) => {
      logger.warn(message, fields);
    },
  });
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => route(senderUrl(event), name, input));
  serveScreenshots(
    {
      thumbnail: async (id) => {
        const result = await runtime.invoke('screenshot.thumbnail', { id });
        return result.ok ? Buffer.from(result.value.pngBase64, 'base64') : null;
      },
    },
    isOwnUrl,
  );

  const desktop = new DesktopShell({
    runtime,
    logger,
    tray: new ElectronTray(join(app.getAppPath(), 'resources', 'tray'), (command) => {
      desktop.run(command);
    }),
    integration: new DesktopIntegration(() => {
      desktop.run({ type: 'timer.toggle' });
    }, logger),
    createWindow: () =>
      createSecureWindow({
        preloadPath: preloadScript,
        url: devServerUrl ?? RENDERER_ENTRY_URL,
        mayOpenExternal: (url) => isAllowedExternalUrl(url),
        onLoadFailed: (reason) => {
          logger.error('the window could not load its page', { reason });
        },
      }),
    emit: (window, name, payload) => {
      createEventSender({
        send: (channel, event, value) => {
          if (!window.isDestroyed()) window.webContents.send(channel, event, value);
        },
        warn: (message, fields) => {
          logger.warn(message, fields);
        },
      })(name, payload);
    },
  });
  shell = desktop;
  desktop.start();
  // For `npm run e2e:electron` only (Playwright reads the tray's view and clicks its items through this).
  if (process.env.CLOCKHAND_E2E === '1') {
    Object.assign(globalThis, {
      clockhandE2E: {
        trayView: () => runtime.desktop.trayView(),
        run: (command: DesktopCommand) => {
          desktop.run(command);
        },
      },
    });
  }
  app.on('second-instance', () => {
    desktop.showWindow();
  });
  app.on('activate', () => {
    desktop.showWindow();
  });
  // Tray-first: closing the window destroys it and the app keeps tracking; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    desktop.stop();
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
