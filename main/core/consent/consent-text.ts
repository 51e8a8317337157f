import { everyInterval, type ScreenshotSettings } from '../screenshots/screenshot-settings';

/**
 * Raise this when what Clockhand collects, or where it sends it, changes: everyone is asked again.
 * 2: standups to Slack or Teams are named (version 1 said only worklogs leave the computer).
 */
export const CONSENT_TEXT_VERSION = 2;

/** What Clockhand collects, in plain sentences, with the screenshot state as it is now. */
export function consentText(screenshots: ScreenshotSettings, byOrganization: boolean): string[] {
  const lines = [
    'Activity presence: once per second, whether there was keyboard or mouse input. Never which key, never what you type, never where the pointer is.',
    'Time: the timers you start and stop and the entries you add, with their task and note, in a SQLite file in your data directory. Idle time is asked about, not silently kept.',
    screenshotLine(screenshots),
    'What goes where: worklogs (task, start, duration, and the note if you give one) go to the Jira, Tempo or Asana connections you add yourself, and standups (the tasks you worked on and their times, with your own words) to the Slack or Teams channel you choose; nothing goes anywhere else. Tokens stay in the OS keychain.',
    'Logs and backups stay in your data directory; logs are redacted (no tokens, emails or notes) and backups are encrypted with a key in the OS keychain.',
  ];
  if (byOrganization) {
    lines.push(
      'Your organization has recorded consent on your behalf (policy consent.recordedByOrganization): Clockhand records without asking you first.',
    );
  }
  return lines;
}

/** What Clockhand never collects, whatever the settings and policy. */
export const NEVER_COLLECTED: readonly string[] = [
  'Which keys you press or what you type: only whether there was any input in a second.',
  'Where the pointer is, or the contents of your windows: no window titles, URLs, documents or application names, except what a screenshot shows when screenshots are on.',
  'Screenshots while you are idle, locked, asleep or not tracking; and none at all unless you turn them on or your organization requires them, and then you are told before they start.',
  'Anything sent anywhere except the services you connect yourself.',
];

function screenshotLine(settings: ScreenshotSettings): string {
  if (settings.lockedBy !== null && settings.mode === 'required') {
    return `Screenshots: required by your organization (${settings.lockedBy} policy): one per display at a random moment ${everyInterval(settings.intervalMinutes)} while a timer runs and you are active, encrypted, each one announced.`;
  }
  if (settings.lockedBy !== null) return 'Screenshots: turned off by your organization.';
  if (settings.enabled) {
    return `Screenshots: on, because you turned them on: one per display ${everyInterval(settings.intervalMinutes)} while a timer runs and you are active, encrypted, each one announced.`;
  }
  return 'Screenshots: off. They are only taken if you turn them on (clockhand screenshots enable) or your organization requires them, and you are told before they start.';
}
