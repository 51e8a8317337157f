import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { assertSecureWebPreferences } from './web-preferences-guard';

export interface WindowOptions {
  readonly preloadPath: string;
  /** app://clockhand/index.html, or the dev server URL */
  readonly url: string;
  /** Called when the page cannot be loaded (the window stays blank). */
  readonly onLoadFailed: (reason: string) => void;
  /** Whether a link may be opened in the system browser (https + allowlist); everything else is dropped. */
  readonly mayOpenExternal: (url: string) => boolean;
}

/** Denies every permission request and check (camera, notifications from the page, devices, …) for the default session. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

/**
 * The one way Clockhand makes windows: isolated, sandboxed, no Node, no navigation, no pop-ups, no webviews.
 * The preferences are written out here (static analysis reads them as a literal) and checked by the guard before
 * the window exists: preferences that are not the required ones throw and no window is created.
 * The page is loaded once by the caller's URL; every later navigation (a link, a form, a script setting
 * location) is refused, and window.open / target=_blank opens nothing (an allowlisted https link goes to the
 * system browser instead).
 */
export function createSecureWindow(options: WindowOptions): BrowserWindow {
  // Fails closed: the guard throws before Electron sees preferences that are not the required ones.
  const window = new BrowserWindow(
    guarded({
      width: 960,
      height: 680,
      minWidth: 480,
      minHeight: 360,
      show: false,
      title: 'Clockhand',
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    }),
  );
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternal(url, options.mayOpenExternal);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternal(url, options.mayOpenExternal);
  });
  window.webContents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(options.url).catch((error: unknown) => {
    options.onLoadFailed(error instanceof Error ? error.message : String(error));
  });
  return window;
}

/** Returns the options unchanged if their web preferences pass the guard; throws otherwise. */
function guarded(options: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
  assertSecureWebPreferences(options.webPreferences);
  return options;
}

/** Opens an https link in the system browser if `mayOpen` allows it (the allowlist); drops it otherwise. */
export function openExternal(url: string, mayOpen: (url: string) => boolean): void {
  if (!mayOpen(url)) return;
  shell.openExternal(url).catch(() => undefined);
}
