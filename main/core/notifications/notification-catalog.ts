import { everyInterval } from '../screenshots/screenshot-settings';
import { formatCommand, type WindowView } from '../desktop/desktop-commands';
import type { Notification } from '../ports/notifier';

/**
 * The words of every notification Clockhand raises, in one place. Each builder returns the notification with its
 * kind and deduplication key; the rules (notification-rules.ts) and the services decide when.
 * Bodies may name a task; the log keeps titles only.
 */
export const notifications = {
  screenshotTaken(displays: number, taskRef: string | null, firstId: string | null): Notification {
    return {
      kind: 'screenshot-taken',
      key: `screenshot-taken:${firstId ?? 'none'}`,
      title: 'Screenshot taken',
      body: `${String(displays)} display(s) captured and encrypted${taskRef === null ? '' : ` while tracking ${taskRef}`}.`,
      ...(firstId !== null && screenshotActions(firstId)),
    };
  },

  screenshotsFailing(reason: string): Notification {
    return { kind: 'screenshots-failing', key: `screenshots-failing:${reason}`, title: 'Screenshots are not being taken', body: reason };
  },

  backFromIdle(spanId: number, idleMinutes: number, taskRef: string | null): Notification {
    const what = taskRef === null ? 'your timer' : taskRef;
    return {
      kind: 'back-from-idle',
      key: `back-from-idle:${String(spanId)}`,
      title: 'Welcome back',
      body: `You were away for ${minutesText(idleMinutes)}. Keep that time on ${what}, or discard it?`,
      actions: [
        { id: formatCommand({ type: 'idle.resolve', action: 'keep', id: spanId }), label: 'Keep' },
        { id: formatCommand({ type: 'idle.resolve', action: 'discard', id: spanId }), label: 'Discard' },
      ],
      clickAction: openView('idle'),
    };
  },

  /** `since`: when the connection started needing the user (each new time is a new notification). */
  reconnectNeeded(connectionId: number, vendor: string, site: string, command: string, since: number): Notification {
    return {
      kind: 'reconnect-needed',
      key: `reconnect-needed:${String(connectionId)}:${String(since)}`,
      title: `Sign in to ${vendor} again`,
      body: `Clockhand cannot reach ${site} with the stored credentials; time for it waits until you reconnect (clockhand connect ${command}).`,
      clickAction: openView('connections'),
    };
  },

  syncNeedsAttention(count: number): Notification {
    return {
      kind: 'sync-needs-attention',
      key: `sync-needs-attention:${String(count)}`,
      title: 'Some time could not be posted',
      body: `${String(count)} worklog${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} your attention (clockhand sync --state needs_attention).`,
      clickAction: openView('sync'),
    };
  },

  forgotToStart(activeMinutes: number, lastTaskRef: string | null, since: number): Notification {
    return {
      kind: 'forgot-to-start',
      key: `forgot-to-start:${String(since)}`,
      title: 'No timer is running',
      body: `You have been active for ${minutesText(activeMinutes)} without a timer.${lastTaskRef === null ? '' : ` Start ${lastTaskRef} again?`}`,
      ...(lastTaskRef !== null && {
        actions: [{ id: formatCommand({ type: 'timer.start', taskRef: lastTaskRef }), label: `Start ${lastTaskRef}` }],
      }),
      clickAction: openView('today'),
    };
  },

  forgotToStop(taskRef: string, idleMinutes: number, idleSince: number): Notification {
    return {
      kind: 'forgot-to-stop',
      key: `forgot-to-stop:${String(idleSince)}`,
      title: 'Your timer is still running',
      body: `${taskRef} has been running through ${minutesText(idleMinutes)} without activity.`,
      actions: [{ id: formatCommand({ type: 'timer.stop' }), label: 'Stop timer' }],
      clickAction: openView('today'),
    };
  },

  /** First-run consent: the organization turned on something new; told before it starts (never dropped). */
  screenshotsRequired(intervalMinutes: number, scope: string): Notification {
    return {
      kind: 'consent-notice',
      key: 'consent-notice:screenshots',
      title: 'Your organization now requires screenshots',
      body: `From now on Clockhand takes a screenshot of each display at a random moment ${everyInterval(intervalMinutes)} while a timer runs and you are active (${scope} policy). Each one is encrypted and announced.`,
    };
  },

  policyChanged(sentences: readonly string[]): Notification {
    const body = sentences.join(' ');
    return {
      kind: 'policy-changed',
      key: `policy-changed:${body}`,
      title: 'Your organization changed Clockhand settings',
      body,
      clickAction: openView('settings'),
    };
  },

  policyProblem(sentence: string): Notification {
    return {
      kind: 'policy-problem',
      key: `policy-problem:${sentence}`,
      title: "Your organization's Clockhand policy could not be applied",
      body: sentence,
    };
  },

  standupReady(day: string, summary: string): Notification {
    return {
      kind: 'standup-ready',
      key: `standup-ready:${day}`,
      title: 'Your standup is ready',
      body: summary,
      actions: [{ id: openView('standup'), label: 'Review' }],
      clickAction: openView('standup'),
    };
  },

  standupPosted(day: string): Notification {
    return {
      kind: 'standup-posted',
      key: `standup-posted:${day}`,
      title: 'Standup posted',
      body: `Your standup for ${day} is on its way (clockhand standup history).`,
    };
  },
};

/** The command that opens the window on `view` (and on one item of it). */
function openView(view: WindowView, id?: string): string {
  return formatCommand(id === undefined ? { type: 'window.open', view } : { type: 'window.open', view, id });
}

/** View (also the click) and Delete for a screenshot just taken: the open command is built once. */
function screenshotActions(id: string): Pick<Notification, 'actions' | 'clickAction'> {
  const view = openView('screenshots', id);
  return {
    actions: [
      { id: view, label: 'View' },
      { id: formatCommand({ type: 'screenshot.delete', id }), label: 'Delete' },
    ],
    clickAction: view,
  };
}

function minutesText(minutes: number): string {
  const whole = Math.max(1, Math.round(minutes));
  if (whole < 60) return `${String(whole)} minute${whole === 1 ? '' : 's'}`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${String(hours)} h${rest === 0 ? '' : ` ${String(rest)} min`}`;
}
