import { app, globalShortcut } from 'electron';
import type { Logger } from '../../core/ports/logger';
import { setLinuxAutostart } from '../node/linux-autostart';

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
    if (before?.openAtLogin !== settings.openAtLogin) {
      // Electron's login items are macOS and Windows only; Linux desktops read an XDG autostart entry.
      if (process.platform === 'linux') setLinuxAutostart(settings.openAtLogin, process.env, process.execPath);
      else app.setLoginItemSettings({ openAtLogin: settings.openAtLogin });
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
