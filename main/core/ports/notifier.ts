/** A button on a notification, where the platform has them ("view", "delete"). Its id is a desktop command. */
export interface NotificationAction {
  readonly id: string;
  readonly label: string;
}

/** Every notification Clockhand raises; main/core/notifications/notification-catalog.ts builds each one. */
export type NotificationKind =
  | 'screenshot-taken'
  | 'screenshots-failing'
  | 'back-from-idle'
  | 'reconnect-needed'
  | 'sync-needs-attention'
  | 'forgot-to-start'
  | 'forgot-to-stop'
  | 'policy-changed'
  | 'policy-problem'
  | 'consent-notice'
  | 'standup-ready'
  | 'standup-posted';

export interface Notification {
  readonly kind: NotificationKind;
  /** What makes two notifications "the same" for deduplication (kind + subject, e.g. the connection id). */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  readonly actions?: readonly NotificationAction[];
  /** The command a click on the notification itself runs (the app), e.g. `window.open:idle`. */
  readonly clickAction?: string;
}

/** Desktop notifications as the core sees them. Fire and forget: a platform without notifications drops them. */
export interface Notifier {
  notify(notification: Notification): void;
}

export const silentNotifier: Notifier = {
  notify: () => undefined,
};
