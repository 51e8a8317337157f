/** A button on a notification, where the platform has them ("view", "delete"). */
export interface NotificationAction {
  readonly id: string;
  readonly label: string;
}

export interface Notification {
  readonly title: string;
  readonly body: string;
  readonly actions?: readonly NotificationAction[];
}

/** Desktop notifications as the core sees them. Fire and forget: a platform without notifications drops them. */
export interface Notifier {
  notify(notification: Notification): void;
}

export const silentNotifier: Notifier = {
  notify: () => undefined,
};
