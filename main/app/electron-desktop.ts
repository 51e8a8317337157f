// The app's desktop glue: runs desktop commands (tray items, notification buttons, the shortcut) against the
// runtime, keeps the tray drawn from the core's view model, applies login item and shortcut settings, and owns the
// one main window (created on demand, destroyed when closed: no renderer runs while only the tray is used).
import { app, type BrowserWindow } from 'electron';
import type { WindowView } from '../../common/ipc-event-names';
import type { IpcEventName, IpcEventPayload } from '../../common/ipc-events';
import { parseCommand, type DesktopCommand } from '../core/desktop/desktop-commands';
import type { Logger } from '../core/ports/logger';
import type { TrayPort } from '../core/ports/tray';
import type { DesktopIntegration } from '../adapters/electron/desktop-integration';
import type { Runtime } from './runtime';

const TRAY_REFRESH_MS = 1_000;
/** Settings are re-read this often for the login item and shortcut. */
const SETTINGS_REFRESH_MS = 5_000;

export interface DesktopShellDeps {
  readonly runtime: Runtime;
  readonly logger: Logger;
  readonly tray: TrayPort;
  readonly integration: DesktopIntegration;
  /** Creates the window (through the secure factory). */
  readonly createWindow: () => BrowserWindow;
  readonly emit: <E extends IpcEventName>(window: BrowserWindow, name: E, payload: IpcEventPayload<E>) => void;
}

export class DesktopShell {
  private window: BrowserWindow | null = null;
  private lastView = '';
  private lastTimer = '';
  private lastSettings = '';
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: DesktopShellDeps) {}

  start(): void {
    this.refreshTray();
    this.refreshSettings();
    this.timers.push(
      setInterval(() => {
        this.refreshTray();
      }, TRAY_REFRESH_MS),
      setInterval(() => {
        this.refreshSettings();
      }, SETTINGS_REFRESH_MS),
    );
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.deps.integration.dispose();
  }

  /** A notification button or click: its action id is checked like any input. */
  runAction(actionId: string): void {
    const command = parseCommand(actionId);
    if (command === null) {
      this.deps.logger.warn('unknown notification action ignored', {});
      return;
    }
    this.run(command);
  }

  run(command: DesktopCommand): void {
    const step = this.deps.runtime.desktop.resolve(command);
    switch (step.kind) {
      case 'quit':
        app.quit();
        return;
      case 'window':
        this.showWindow(step.view, step.id);
        return;
      case 'invoke': {
        const { name, input } = step.step;
        const areas = [...step.changes];
        this.deps.runtime.invoke(name, input).then(
          (result) => {
            if (!result.ok) this.deps.logger.warn('desktop command refused', { operation: name, code: result.error.code });
            this.refreshTray();
            if (areas.length > 0 && this.window !== null && !this.window.isDestroyed()) {
              this.deps.emit(this.window, 'data.changed', { areas });
            }
          },
          (error: unknown) => {
            this.deps.logger.error('desktop command failed', {
              operation: name,
              error: error instanceof Error ? error.message : String(error),
            });
          },
        );
        return;
      }
    }
  }

  /** Brings the window up (creating it if needed) on a view. */
  showWindow(view: WindowView = 'today', id: string | null = null): void {
    const existing = this.window;
    if (existing !== null && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      this.deps.emit(existing, 'window.navigate', { view, id });
      return;
    }
    const window = this.deps.createWindow();
    this.window = window;
    window.webContents.once('did-finish-load', () => {
      this.deps.emit(window, 'window.navigate', { view, id });
    });
    window.once('closed', () => {
      if (this.window === window) this.window = null;
    });
  }

  private refreshTray(): void {
    try {
      const view = this.deps.runtime.desktop.trayView();
      const key = JSON.stringify(view);
      if (key === this.lastView) return;
      this.lastView = key;
      this.deps.tray.show(view);
      // The timer line changed outside the window (CLI, shortcut, tray): let an open window re-read it.
      const timer = JSON.stringify([view.icon, view.items[0]]);
      if (timer !== this.lastTimer) {
        this.lastTimer = timer;
        if (this.window !== null && !this.window.isDestroyed()) this.deps.emit(this.window, 'data.changed', { areas: ['timer', 'idle'] });
      }
    } catch (error) {
      this.deps.logger.warn('tray refresh failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private refreshSettings(): void {
    const { desktop } = this.deps.runtime;
    this.deps.integration.apply(desktop.integrationSettings());
    // A policy file, the CLI or a revoked token changed settings or a connection: an open window reads them again.
    const revision = desktop.settingsRevision();
    if (revision === this.lastSettings) return;
    const first = this.lastSettings === '';
    this.lastSettings = revision;
    if (!first && this.window !== null && !this.window.isDestroyed()) this.deps.emit(this.window, 'data.changed', { areas: ['settings'] });
  }
}
