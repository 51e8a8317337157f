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

/** notify-send processes running at once; more notifications meanwhile are logged only. */
export const MAX_NOTIFY_PROCESSES = 4;

/**
 * The headless agent's notifications: `notify-send` when the desktop has it (no actions: they need the app), and
 * always one log line with the title only (the body can name a task). At most MAX_NOTIFY_PROCESSES notify-send run
 * at once: a burst of notifications is logged, not turned into a burst of processes. Every one is logged (a capture
 * is always announced).
 */
export function createDesktopNotifier(env: Readonly<Record<string, string | undefined>>, logger: Logger): Notifier {
  const notifySend = env.DISPLAY !== undefined || env.WAYLAND_DISPLAY !== undefined ? findOnPath('notify-send', env.PATH) : null;
  let running = 0;
  return {
    notify: (notification: Notification) => {
      logger.info('notification', { title: notification.title });
      if (notifySend === null || running >= MAX_NOTIFY_PROCESSES) return;
      try {
        const child = spawn(notifySend, ['--app-name=Clockhand', notification.title, notification.body], {
          stdio: 'ignore',
          detached: false,
        });
        running += 1;
        let done = false;
        const finished = (): void => {
          if (done) return;
          done = true;
          running -= 1;
        };
        child.on('error', finished);
        child.on('exit', finished);
        child.unref();
      } catch {
        // A notification that cannot be shown is dropped; the log line stands.
      }
    },
  };
}
