import { app, globalShortcut } from 'electron';
import type { Logger } from '../../core/ports/logger';

export interface DesktopIntegrationSettings {
  readonly openAtLogin: boolean;
  /** An Electron accelerator, or null for none. */
  readonly timerShortcut: string | null;
}

/**
 * Applies the login item and the global start/stop shortcut whenever the settings change (policy or user).
 * Re-applying the same settings does nothing.
 */
export class DesktopIntegration {
  private applied: DesktopIntegrationSettings | null = null;

  constructor(
    private readonly onShortcut: () => void,
    private readonly logger: Logger,
  ) {}

  apply(settings: DesktopIntegrationSettings): void {
    const before = this.applied;
    if (before !== null && before.openAtLogin === settings.openAtLogin && before.timerShortcut === settings.timerShortcut) return;
    this.applied = settings;
    // Linux has no login items in Electron; packages install an autostart entry instead.
    if (process.platform !== 'linux' && before?.openAtLogin !== settings.openAtLogin) {
      app.setLoginItemSettings({ openAtLogin: settings.openAtLogin });
    }
    if (before?.timerShortcut !== settings.timerShortcut) {
      const previous = before?.timerShortcut ?? null;
      if (previous !== null) globalShortcut.unregister(previous);
      if (settings.timerShortcut !== null && !globalShortcut.register(settings.timerShortcut, this.onShortcut)) {
        // Another application owns it: say so, keep running without it.
        this.logger.warn('the start/stop shortcut is taken by another application', { shortcut: settings.timerShortcut });
      }
    }
  }

  dispose(): void {
    globalShortcut.unregisterAll();
  }
}
