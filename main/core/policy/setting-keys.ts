import type { z } from 'zod';
import { policyFields as fields, providerSchema } from '../../../common/policy-schema';

/**
 * Every setting the policy can manage, by its flat key (the path in policies.json). The user's own settings use
 * the same keys. A setting's schema is the policy's schema for that key; `secret` values are never shown.
 */
export interface SettingDefinition {
  readonly schema: z.ZodType;
  readonly defaultValue: unknown;
  /** What a person calls it, for the change sentences: "screenshots every N minutes". */
  readonly label: string;
  readonly secret?: boolean;
  /** Set by an administrator's policy only (shown, never set by the user). */
  readonly adminOnly?: boolean;
}

export const SETTINGS = {
  'screenshots.mode': { schema: fields.screenshots.mode, defaultValue: 'off', label: 'screenshots' },
  'screenshots.intervalMinutes': {
    schema: fields.screenshots.intervalMinutes,
    defaultValue: 5,
    label: 'the screenshot interval (minutes)',
  },
  'screenshots.blur': { schema: fields.screenshots.blur, defaultValue: false, label: 'blurred screenshots' },
  'screenshots.allowUserDelete': { schema: fields.screenshots.allowUserDelete, defaultValue: true, label: 'deleting your own screenshots' },
  'screenshots.retentionDays': { schema: fields.screenshots.retentionDays, defaultValue: 90, label: 'screenshot retention (days)' },
  'activity.source': { schema: fields.activity.source, defaultValue: 'hook', label: 'the activity source' },
  'activity.idleMinutes': { schema: fields.activity.idleMinutes, defaultValue: 5, label: 'the idle threshold (minutes)' },
  'activity.idleDefaultAction': {
    schema: fields.activity.idleDefaultAction,
    defaultValue: 'discard',
    label: 'what happens to unanswered idle time',
  },
  'activity.idlePromptMinutes': {
    schema: fields.activity.idlePromptMinutes,
    defaultValue: 10,
    label: 'the time to answer an idle question (minutes)',
  },
  'tracking.allowManualEntries': { schema: fields.tracking.allowManualEntries, defaultValue: true, label: 'manual time entries' },
  'tracking.allowEditing': { schema: fields.tracking.allowEditing, defaultValue: true, label: 'editing time entries' },
  'tracking.roundingMinutes': { schema: fields.tracking.roundingMinutes, defaultValue: 0, label: 'rounding (minutes)' },
  'integrations.allowed': { schema: fields.integrations.allowed, defaultValue: providerSchema.options, label: 'the allowed integrations' },
  'integrations.jira.sites': { schema: fields.jira.sites, defaultValue: [], label: 'the allowed Jira sites' },
  'integrations.jira.mode': { schema: fields.jira.mode, defaultValue: 'jira', label: 'where Jira time is logged' },
  'integrations.jira.oauth': { schema: fields.jira.oauth, defaultValue: null, label: 'the Jira OAuth app', secret: true },
  'integrations.asana.oauth': { schema: fields.asana.oauth, defaultValue: null, label: 'the Asana OAuth app', secret: true },
  'integrations.slack.workspaces': { schema: fields.slack.workspaces, defaultValue: [], label: 'the allowed Slack workspaces' },
  'integrations.slack.oauth': { schema: fields.slack.oauth, defaultValue: null, label: 'the Slack OAuth app', secret: true },
  'integrations.teams.tenant': { schema: fields.teams.tenant, defaultValue: null, label: 'the Microsoft tenant' },
  'integrations.teams.oauth': { schema: fields.teams.oauth, defaultValue: null, label: 'the Microsoft app', secret: true },
  'sync.postMode': { schema: fields.sync.postMode, defaultValue: 'on-stop', label: 'when worklogs are posted' },
  'sync.dailyAt': { schema: fields.sync.dailyAt, defaultValue: '18:00', label: 'the daily posting time' },
  'standup.enabled': { schema: fields.standup.enabled, defaultValue: false, label: 'daily standups' },
  'standup.at': { schema: fields.standup.at, defaultValue: '09:30', label: 'the standup time' },
  'standup.weekdays': { schema: fields.standup.weekdays, defaultValue: [1, 2, 3, 4, 5], label: 'the standup weekdays' },
  'standup.destination': { schema: fields.standup.destination, defaultValue: null, label: 'where standups are posted' },
  'standup.reviewBeforePost': { schema: fields.standup.reviewBeforePost, defaultValue: true, label: 'reviewing standups before posting' },
  'standup.slackChannel': { schema: fields.standup.slackChannel, defaultValue: null, label: 'the Slack channel for standups' },
  'standup.teamsTeamId': { schema: fields.standup.teamsTeamId, defaultValue: null, label: 'the Teams team for standups' },
  'standup.teamsChannelId': { schema: fields.standup.teamsChannelId, defaultValue: null, label: 'the Teams channel for standups' },
  'retention.timeEntriesDays': { schema: fields.retention.timeEntriesDays, defaultValue: 730, label: 'time entry retention (days)' },
  'retention.screenshotsDays': { schema: fields.retention.screenshotsDays, defaultValue: 90, label: 'screenshot retention (days)' },
  'consent.recordedByOrganization': {
    schema: fields.consent.recordedByOrganization,
    defaultValue: false,
    label: 'consent recorded by your organization',
    adminOnly: true,
  },
  'backup.keep': { schema: fields.backup.keep, defaultValue: 7, label: 'the number of daily backups kept' },
  'desktop.openAtLogin': { schema: fields.desktop.openAtLogin, defaultValue: false, label: 'starting Clockhand at login' },
  'desktop.timerShortcut': { schema: fields.desktop.timerShortcut, defaultValue: null, label: 'the start/stop shortcut' },
  'notifications.forgotToStartMinutes': {
    schema: fields.notifications.forgotToStartMinutes,
    defaultValue: 15,
    label: 'the reminder when no timer runs (minutes of activity, 0 = off)',
  },
  'notifications.forgotToStopMinutes': {
    schema: fields.notifications.forgotToStopMinutes,
    defaultValue: 30,
    label: 'the reminder when a timer runs through idle time (minutes, 0 = off)',
  },
  'workingHours.start': { schema: fields.workingHours.start, defaultValue: '09:00', label: 'the start of the working day' },
  'workingHours.end': { schema: fields.workingHours.end, defaultValue: '17:00', label: 'the end of the working day' },
  'workingHours.days': { schema: fields.workingHours.days, defaultValue: [1, 2, 3, 4, 5], label: 'the working days' },
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Settings only an administrator's policy sets (the user cannot claim the organization's consent). */
export function isAdminOnlySetting(key: SettingKey): boolean {
  const definition: SettingDefinition = SETTINGS[key];
  return definition.adminOnly === true;
}

/** Secret values (OAuth client secrets) are never shown or set by the user. */
export function isSecretSetting(key: SettingKey): boolean {
  const definition: SettingDefinition = SETTINGS[key];
  return definition.secret === true;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** The value at a flat key's path in a policy document, or undefined when the policy does not set it. */
export function policyValueAt(document: Record<string, unknown>, key: SettingKey): unknown {
  let node: unknown = document;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
