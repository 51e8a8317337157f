import { Notification as ElectronNotification } from 'electron';
import type { Logger } from '../../core/ports/logger';
import type { Notification, Notifier } from '../../core/ports/notifier';

/**
 * The app's notifications. Buttons exist where the platform has them (macOS); elsewhere a click on the
 * notification runs its click action (usually: open the window on the right view). The log keeps the kind only.
 * Each shown notification is held until it is closed, or Electron may garbage-collect it and drop its clicks.
 */
export function createElectronNotifier(logger: Logger, onAction: (actionId: string) => void): Notifier {
  const showing = new Set<ElectronNotification>();
  return {
    notify: (notification: Notification) => {
      logger.info('notification', { kind: notification.kind });
      if (!ElectronNotification.isSupported()) return;
      const actions = notification.actions ?? [];
      const shown = new ElectronNotification({
        title: notification.title,
        body: notification.body,
        actions: actions.map((action) => ({ type: 'button' as const, text: action.label })),
      });
      showing.add(shown);
      shown.on('action', (_event, index) => {
        const action = actions[index];
        if (action !== undefined) onAction(action.id);
      });
      shown.on('click', () => {
        if (notification.clickAction !== undefined) onAction(notification.clickAction);
      });
      shown.on('close', () => {
        showing.delete(shown);
      });
      shown.show();
    },
  };
}
