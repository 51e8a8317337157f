import { BrowserWindow, session, shell } from 'electron';

export interface WindowOptions {
  readonly preloadPath: string;
  /** file://…/out/renderer/index.html, or the dev server URL */
  readonly url: string;
  readonly isOwnUrl: (url: string) => boolean;
}

/** Denies every permission request (camera, notifications from the page, …) for the default session. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** The one way Clockhand makes windows: isolated, sandboxed, no Node, no navigation, no pop-ups. */
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
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!options.isOwnUrl(url)) event.preventDefault();
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}
