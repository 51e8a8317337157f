import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../../core/ports/logger';
import type { Notification, Notifier } from '../../core/ports/notifier';

/** Finds an executable on PATH, or null. */
export function findOnPath(name: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * The headless agent's notifications: `notify-send` when the desktop has it (no actions: they need the app), and
 * always one log line with the title only (the body can name a task).
 */
export function createDesktopNotifier(env: Readonly<Record<string, string | undefined>>, logger: Logger): Notifier {
  const notifySend = env.DISPLAY !== undefined || env.WAYLAND_DISPLAY !== undefined ? findOnPath('notify-send', env.PATH) : null;
  return {
    notify: (notification: Notification) => {
      logger.info('notification', { title: notification.title });
      if (notifySend === null) return;
      try {
        const child = spawn(notifySend, ['--app-name=Clockhand', notification.title, notification.body], {
          stdio: 'ignore',
          detached: false,
        });
        child.on('error', () => undefined);
        child.unref();
      } catch {
        // A notification that cannot be shown is dropped; the log line stands.
      }
    },
  };
}
