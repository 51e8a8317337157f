import { BrowserWindow, session } from 'electron';

export interface WindowOptions {
  readonly preloadPath: string;
  /** file://…/out/renderer/index.html, or the dev server URL */
  readonly url: string;
  /** Called when the page cannot be loaded (the window stays blank). */
  readonly onLoadFailed: (reason: string) => void;
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
 * The page is loaded once by the caller's URL; every later navigation (a link, a form, a script setting
 * location) is refused, and window.open / target=_blank opens nothing.
 */
export function createSecureWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 480,
    height: 360,
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
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => {
    event.preventDefault();
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
