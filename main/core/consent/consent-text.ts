import type { ScreenshotSettings } from '../screenshots/screenshot-settings';

/** Raise this when what Clockhand collects changes: everyone is asked again. */
export const CONSENT_TEXT_VERSION = 1;

/** What Clockhand collects, in plain sentences, with the screenshot state as it is now. */
export function consentText(screenshots: ScreenshotSettings, byOrganization: boolean): string[] {
  const lines = [
    'Activity presence: once per second, whether there was keyboard or mouse input. Never which key, never what you type, never where the pointer is.',
    'Time: the timers you start and stop and the entries you add, with their task and note, in a SQLite file in your data directory. Idle time is asked about, not silently kept.',
    screenshotLine(screenshots),
    'What goes where: only the worklogs (task, start, duration, and the note if you give one) go to the Jira, Tempo or Asana connections you add yourself; nothing goes anywhere else. Tokens stay in the OS keychain.',
    'Logs and backups stay in your data directory; logs are redacted (no tokens, emails or notes) and backups are encrypted with a key in the OS keychain.',
  ];
  if (byOrganization) {
    lines.push(
      'Your organization has recorded consent on your behalf (policy consent.recordedByOrganization): Clockhand records without asking you first.',
    );
  }
  return lines;
}

function screenshotLine(settings: ScreenshotSettings): string {
  if (settings.lockedBy !== null && settings.mode === 'required') {
    return `Screenshots: required by your organization (${settings.lockedBy} policy): one per display at a random moment every ${String(settings.intervalMinutes)} minutes while a timer runs and you are active, encrypted, each one announced.`;
  }
  if (settings.lockedBy !== null) return 'Screenshots: turned off by your organization.';
  if (settings.enabled) {
    return `Screenshots: on, because you turned them on: one per display every ${String(settings.intervalMinutes)} minutes while a timer runs and you are active, encrypted, each one announced.`;
  }
  return 'Screenshots: off. They are only taken if you turn them on (clockhand screenshots enable) or your organization requires them, and you are told before they start.';
}
