import { z } from 'zod';

/** Data shapes that cross a boundary (control socket, IPC, --json). Times are ISO-8601 with local offset. */

export const entryOriginSchema = z.enum(['timer', 'manual', 'idle']);
export type EntryOrigin = z.infer<typeof entryOriginSchema>;

export const entryDtoSchema = z.object({
  id: z.number().int().positive(),
  taskRef: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  running: z.boolean(),
  durationSeconds: z.number().int().nonnegative(),
  note: z.string().nullable(),
  origin: entryOriginSchema,
  /** Where the entry is posted and how far it got (listed entries only; absent elsewhere). */
  sync: z
    .array(
      z.object({
        itemId: z.number().int().positive(),
        provider: z.enum(['jira', 'jira-dc', 'tempo', 'asana']),
        target: z.string(),
        state: z.enum(['pending', 'in_flight', 'done', 'needs_attention', 'needs_reauth']),
        operation: z.enum(['create', 'update', 'delete']),
      }),
    )
    .optional(),
});
export type EntryDto = z.infer<typeof entryDtoSchema>;

export const idleReasonSchema = z.enum(['inactivity', 'locked', 'suspended', 'clock-jump', 'agent-stopped']);
export type IdleReason = z.infer<typeof idleReasonSchema>;

export const idleStateSchema = z.enum(['pending', 'kept', 'discarded', 'reassigned', 'untracked']);
export type IdleSpanState = z.infer<typeof idleStateSchema>;

export const idleActionSchema = z.enum(['keep', 'discard', 'reassign']);
export type IdleAction = z.infer<typeof idleActionSchema>;

export const idleSpanDtoSchema = z.object({
  id: z.number().int().positive(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.number().int().nonnegative(),
  reason: idleReasonSchema,
  state: idleStateSchema,
  reassignedTo: z.string().nullable(),
  decidedBy: z.enum(['user', 'default', 'auto']).nullable(),
  /** When the default action applies if nobody answers. */
  decideBy: z.string().nullable(),
});
export type IdleSpanDto = z.infer<typeof idleSpanDtoSchema>;

export const activitySourceKindSchema = z.enum(['hook', 'idle-time', 'none']);
export type ActivitySourceKind = z.infer<typeof activitySourceKindSchema>;

export const screenshotModeSchema = z.enum(['off', 'optional', 'required']);

/** Screenshot capture as status shows it. `active`: capture is on and working. */
export const screenshotStatusSchema = z.object({
  enabled: z.boolean(),
  active: z.boolean(),
  mode: screenshotModeSchema,
  /** Who decided: an admin policy locks capture on (required) or off; null when it is the user's own choice. */
  lockedBy: z.enum(['machine', 'user-policy']).nullable(),
  intervalMinutes: z.number().int().positive(),
  blur: z.boolean(),
  /** Why capture is not happening although it is enabled (no keychain, no capture tool...), else null. */
  problem: z.string().nullable(),
  lastCaptureAt: z.string().nullable(),
});
export type ScreenshotStatusDto = z.infer<typeof screenshotStatusSchema>;

export const screenshotDtoSchema = z.object({
  id: z.string(),
  capturedAt: z.string(),
  day: z.string(),
  display: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  blurred: z.boolean(),
  bytes: z.number().int().nonnegative(),
  entryId: z.number().int().nullable(),
  taskRef: z.string().nullable(),
  /** `tampered`: the file failed authentication; it is never shown. */
  state: z.enum(['ok', 'tampered']),
});
export type ScreenshotDto = z.infer<typeof screenshotDtoSchema>;

/** First-run consent: what Clockhand collects, whether recording may happen, and who consented under which policy. */
export const consentViewSchema = z.object({
  /** required: nothing is recorded yet; given: the person accepted; given_by_organization: policy consent.recordedByOrganization. */
  state: z.enum(['required', 'given', 'given_by_organization']),
  recording: z.boolean(),
  /** The version of the consent text shown now. */
  textVersion: z.number().int().positive(),
  /** What Clockhand collects and where it goes, in the core's sentences (the consent text of `textVersion`). */
  collects: z.array(z.string()),
  /** What Clockhand never collects, in the core's sentences. */
  neverCollects: z.array(z.string()),
  acceptedAt: z.string().nullable(),
  givenBy: z.enum(['user', 'organization']).nullable(),
  /** Fingerprint of the organization's policy in effect when consent was given ("none" without one). */
  policyVersion: z.string().nullable(),
  /** Features the person was told about: at consent, or by a notice when the organization turned them on later. */
  notices: z.array(z.object({ feature: z.enum(['screenshots']), since: z.string(), how: z.enum(['consent', 'notice']) })),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

export const statusDtoSchema = z.object({
  agent: z.object({
    pid: z.number().int(),
    version: z.string(),
    face: z.enum(['agent', 'app']),
    dataDir: z.string(),
    startedAt: z.string(),
  }),
  timer: z.object({
    running: z.boolean(),
    entryId: z.number().int().nullable(),
    taskRef: z.string().nullable(),
    startedAt: z.string().nullable(),
    note: z.string().nullable(),
    elapsedSeconds: z.number().int().nonnegative(),
  }),
  todaySeconds: z.number().int().nonnegative(),
  activity: z.object({
    source: activitySourceKindSchema,
    /** Why the preferred source is not live, if it is not. */
    degradedReason: z.string().nullable(),
    activeSecondsToday: z.number().int().nonnegative(),
    lastInputAt: z.string().nullable(),
  }),
  idle: z.object({
    idle: z.boolean(),
    since: z.string().nullable(),
    pending: idleSpanDtoSchema.nullable(),
    pendingCount: z.number().int().nonnegative(),
  }),
  /** Admin policy: a sentence when it could not be applied as the organization meant, and how many settings it locks. */
  policy: z.object({ problem: z.string().nullable(), lockedSettings: z.number().int().nonnegative() }),
  recovered: z.object({ entryId: z.number().int(), taskRef: z.string(), endedAt: z.string(), resumed: z.boolean() }).nullable(),
  /** Screenshot capture (filled in by the screenshot service; absent from the tracker's own view). */
  screenshots: screenshotStatusSchema.optional(),
  /** First-run consent (filled in by the consent service; absent from the tracker's own view). */
  consent: consentViewSchema.optional(),
});
export type StatusDto = z.infer<typeof statusDtoSchema>;

export const taskTotalSchema = z.object({ taskRef: z.string(), seconds: z.number().int().nonnegative() });

export const activitySlotSchema = z.object({
  start: z.string(),
  activeSeconds: z.number().int().nonnegative(),
  /** active seconds / 600, 0..100 */
  percent: z.number().nonnegative(),
});

export const taskProviderSchema = z.enum(['jira', 'asana', 'local']);

/**
 * project: Jira: the project key of the issue key; Asana: the task's project when known, else "asana"; local tasks:
 * "local". name: the project's name when the assigned-task cache knows it (Jira's project name, Asana's project), else null.
 */
export const projectTotalSchema = z.object({
  provider: taskProviderSchema,
  project: z.string(),
  name: z.string().nullable(),
  seconds: z.number().int().nonnegative(),
});
export const providerTotalSchema = z.object({ provider: taskProviderSchema, seconds: z.number().int().nonnegative() });

/**
 * A stretch of the working day: tracked (on a task), idle kept (still on its task), idle pending (still on its task,
 * waiting for the user's keep/discard/reassign), idle discarded, or untracked.
 */
export const ledgerKindSchema = z.enum(['tracked', 'idle_kept', 'idle_pending', 'idle_discarded', 'untracked']);

export const ledgerSchema = z.object({
  /** The working hours of that day (workingHours.* settings); null on a day off (no segments then). */
  workingFrom: z.string().nullable(),
  workingTo: z.string().nullable(),
  /** Gap-free, in order: the segments cover [workingFrom, workingTo) exactly. */
  segments: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      seconds: z.number().int().nonnegative(),
      kind: ledgerKindSchema,
      /** The task for tracked, idle_kept and idle_pending time, else null. */
      taskRef: z.string().nullable(),
    }),
  ),
  totals: z.object({
    trackedSeconds: z.number().int().nonnegative(),
    idleKeptSeconds: z.number().int().nonnegative(),
    /** Idle time not decided yet: it is still on its entry, so it may turn into tracked or discarded time. */
    idlePendingSeconds: z.number().int().nonnegative(),
    idleDiscardedSeconds: z.number().int().nonnegative(),
    untrackedSeconds: z.number().int().nonnegative(),
    /** Tracked time of the day outside the working hours (not in the segments). */
    trackedOutsideSeconds: z.number().int().nonnegative(),
  }),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const dayReportSchema = z.object({
  day: z.string(),
  from: z.string(),
  to: z.string(),
  totalSeconds: z.number().int().nonnegative(),
  byTask: z.array(taskTotalSchema),
  byProject: z.array(projectTotalSchema),
  byProvider: z.array(providerTotalSchema),
  activity: z.object({
    activeSeconds: z.number().int().nonnegative(),
    keyboardSeconds: z.number().int().nonnegative(),
    mouseSeconds: z.number().int().nonnegative(),
    /** active seconds / tracked seconds, 0..100; null when nothing was tracked */
    percentOfTracked: z.number().nullable(),
    slots: z.array(activitySlotSchema),
  }),
  ledger: ledgerSchema,
  entries: z.array(entryDtoSchema),
});
export type DayReport = z.infer<typeof dayReportSchema>;

export const reportDaySchema = z.object({
  day: z.string(),
  totalSeconds: z.number().int().nonnegative(),
  activeSeconds: z.number().int().nonnegative(),
  /** Active seconds within tracked time / tracked seconds, 0..100; null when nothing was tracked that day. */
  percentOfTracked: z.number().nullable(),
});

/** What a week and a month report share: the range, its totals by task, project and provider, and each day. */
const periodReportShape = {
  from: z.string(),
  to: z.string(),
  totalSeconds: z.number().int().nonnegative(),
  byTask: z.array(taskTotalSchema),
  byProject: z.array(projectTotalSchema),
  byProvider: z.array(providerTotalSchema),
  days: z.array(reportDaySchema),
};

export const weekReportSchema = z.object({ week: z.string(), ...periodReportShape });
export type WeekReport = z.infer<typeof weekReportSchema>;

export const monthReportSchema = z.object({
  /** YYYY-MM */
  month: z.string(),
  ...periodReportShape,
});
export type MonthReport = z.infer<typeof monthReportSchema>;

export const settingOriginSchema = z.enum(['machine', 'user-policy', 'user', 'default']);

export const effectiveSettingDtoSchema = z.object({
  key: z.string(),
  value: z.unknown(),
  /** Where the value comes from: the machine policy, a user-scope policy, the user's own setting, or the default. */
  source: settingOriginSchema,
  locked: z.boolean(),
});
export type EffectiveSettingDto = z.infer<typeof effectiveSettingDtoSchema>;

export const policySourceDtoSchema = z.object({
  scope: z.enum(['machine', 'user-policy']),
  location: z.string(),
  state: z.enum(['absent', 'ok', 'invalid', 'unreadable']),
  error: z.string().nullable(),
  usingLastValid: z.boolean(),
  appliedAt: z.string().nullable(),
});

export const policyViewSchema = z.object({
  problem: z.string().nullable(),
  sources: z.array(policySourceDtoSchema),
  settings: z.array(effectiveSettingDtoSchema),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const policyChangeDtoSchema = z.object({
  at: z.string(),
  scope: z.enum(['machine', 'user-policy']),
  key: z.string(),
  sentence: z.string(),
});
export type PolicyChangeDto = z.infer<typeof policyChangeDtoSchema>;

export const connectionDtoSchema = z.object({
  id: z.number().int().positive(),
  provider: z.enum(['jira', 'jira-dc', 'tempo', 'asana', 'slack', 'teams']),
  auth: z.enum(['api-token', 'pat', 'oauth', 'webhook']),
  site: z.string(),
  /** Who we are there: the display name, else the login. Never a token. */
  account: z.string().nullable(),
  accountId: z.string().nullable(),
  state: z.enum(['ok', 'needs_reauth', 'unavailable']),
  stateReason: z.string().nullable(),
  checkedAt: z.string(),
});
export type ConnectionDto = z.infer<typeof connectionDtoSchema>;

export const syncStateSchema = z.enum(['pending', 'in_flight', 'done', 'needs_attention', 'needs_reauth']);
export const syncItemDtoSchema = z.object({
  id: z.number().int().positive(),
  entryId: z.number().int().positive(),
  connectionId: z.number().int().positive(),
  provider: z.enum(['jira', 'jira-dc', 'tempo', 'asana']),
  /** The issue key or task gid the worklog belongs to. */
  target: z.string(),
  /** What the next (or last) attempt does: create, update or delete the remote worklog. */
  operation: z.enum(['create', 'update', 'delete']),
  state: syncStateSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  remoteId: z.string().nullable(),
  minutes: z.number().int().positive(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type SyncItemDto = z.infer<typeof syncItemDtoSchema>;
export const syncViewSchema = z.object({
  counts: z.record(syncStateSchema, z.number().int().nonnegative()),
  items: z.array(syncItemDtoSchema),
  /** Why time is not being posted at all, in words (e.g. Tempo mode without a Tempo connection). */
  problems: z.array(z.string()),
});
export type SyncView = z.infer<typeof syncViewSchema>;

export const assignedTasksViewSchema = z.object({
  tasks: z.array(
    z.object({
      connectionId: z.number().int().positive(),
      taskRef: z.string(),
      title: z.string(),
      status: z.string().nullable(),
      project: z.string().nullable(),
    }),
  ),
  /** Per connection: when the list was last fetched and how old it is; the error of the last failed refresh. */
  sources: z.array(
    z.object({
      connectionId: z.number().int().positive(),
      refreshedAt: z.string().nullable(),
      ageSeconds: z.number().int().nonnegative().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type AssignedTasksView = z.infer<typeof assignedTasksViewSchema>;

export const standupStateSchema = z.enum(['draft', 'pending', 'in_flight', 'posted', 'needs_attention', 'needs_reauth']);
export const standupDtoSchema = z.object({
  id: z.number().int().positive(),
  /** The day it is the standup of, YYYY-MM-DD. */
  day: z.string(),
  state: standupStateSchema,
  /** Where it goes (set when it is posted): "slack C0123ABCD", "teams <team id> 19:...", "teams webhook". */
  destination: z.string().nullable(),
  connectionId: z.number().int().positive().nullable(),
  /** The previous working day that Yesterday covers. */
  workedDay: z.string().nullable(),
  yesterday: z.array(z.object({ taskRef: z.string(), title: z.string().nullable(), minutes: z.number().int().nonnegative() })),
  today: z.array(z.object({ taskRef: z.string(), title: z.string().nullable(), running: z.boolean() })),
  /** The user's words that replace a composed section (null: the composed one is used). */
  edits: z.object({ yesterday: z.string().nullable(), today: z.string().nullable(), blockers: z.string().nullable() }),
  /** The standup as plain text, as it will read. */
  text: z.string(),
  revision: z.number().int().positive(),
  /** The revision the channel shows (0: not posted). */
  postedRevision: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** Slack message ts or Graph message id (a webhook gives none). */
  remoteId: z.string().nullable(),
  offeredAt: z.string().nullable(),
  postedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type StandupDto = z.infer<typeof standupDtoSchema>;
/** Where standups go now and, when a post cannot go out, why (`standup.destination`): the core's one rule. */
export const standupDestinationDtoSchema = z.object({
  provider: z.enum(['slack', 'teams']).nullable(),
  /** "channel C0123ABCD", "team <team id>, channel 19:...", "a Workflows webhook"; null when not set. */
  where: z.string().nullable(),
  /** standup.destination is set by the organization's policy. */
  managed: z.boolean(),
  /** What stands in the way of posting (blocking), or why a post would wait (not blocking); null when nothing does. */
  problem: z
    .object({
      reason: z.enum(['no_destination', 'not_allowed', 'no_connection', 'needs_reconnect', 'no_channel']),
      /** true: a post is refused; false: a post is queued and waits (needs_reconnect: until the person signs in again). */
      blocking: z.boolean(),
      /** One plain sentence. */
      text: z.string(),
      /** The organization's policy stands in the way (shown as managed). */
      managed: z.boolean(),
      /** The window's view where the person can fix it; null when they cannot. */
      fixIn: z.enum(['settings', 'integrations']).nullable(),
      /** The policy's own words, or the command that fixes it from the command line. */
      detail: z.string().nullable(),
    })
    .nullable(),
});
export type StandupDestinationDto = z.infer<typeof standupDestinationDtoSchema>;
/** One encrypted backup of the database (`clockhand backup list`). */
export const backupDtoSchema = z.object({ id: z.string(), createdAt: z.string(), bytes: z.number().int().nonnegative() });
export type BackupDto = z.infer<typeof backupDtoSchema>;
/** How far the running export is (`data.exportProgress`); `running: false` when none runs. */
export const exportProgressSchema = z.object({
  running: z.boolean(),
  format: z.enum(['csv', 'json', 'archive']).nullable(),
  /** What is being written: entries, entries.json, entries.csv, screenshots, ... */
  phase: z.string().nullable(),
  /** Entries and screenshots written so far, out of `total`. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  startedAt: z.string().nullable(),
});
export type ExportProgressDto = z.infer<typeof exportProgressSchema>;
