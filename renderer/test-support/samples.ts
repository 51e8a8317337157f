import type { ConsentView, EntryDto, PolicyView, StatusDto, SyncItemDto } from '../../common/dto';

/** Texts that would run script if any view rendered them as HTML. */
export const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "javascript:window.__pwned=1//'",
];

export function entry(over: Partial<EntryDto> = {}): EntryDto {
  return {
    id: 1,
    taskRef: 'jira:PROJ-1',
    startedAt: '2026-11-23T09:00:00.000+01:00',
    endedAt: '2026-11-23T10:30:00.000+01:00',
    running: false,
    durationSeconds: 5_400,
    note: null,
    origin: 'manual',
    sync: [],
    ...over,
  };
}

export function syncItem(over: Partial<SyncItemDto> = {}): SyncItemDto {
  return {
    id: 9,
    entryId: 1,
    connectionId: 1,
    provider: 'jira',
    target: 'PROJ-1',
    operation: 'create',
    state: 'needs_attention',
    attempts: 1,
    nextAttemptAt: null,
    lastError: 'Worklogs cannot be added to PROJ-1: time tracking is off for this project.',
    remoteId: null,
    minutes: 90,
    startedAt: '2026-11-23T09:00:00.000+01:00',
    updatedAt: '2026-11-23T10:31:00.000+01:00',
    ...over,
  };
}

export const noCounts = { pending: 0, in_flight: 0, done: 0, needs_attention: 0, needs_reauth: 0 };

export const policy: PolicyView = {
  problem: null,
  sources: [],
  settings: [
    { key: 'activity.idleMinutes', value: 10, source: 'machine', locked: true },
    { key: 'tracking.roundingMinutes', value: 0, source: 'default', locked: false },
    { key: 'tracking.allowEditing', value: true, source: 'default', locked: false },
    { key: 'screenshots.blur', value: false, source: 'user', locked: false },
  ],
};

export function consentView(over: Partial<ConsentView> = {}): ConsentView {
  return {
    state: 'required',
    recording: false,
    textVersion: 1,
    collects: [
      'Activity presence: once per second, whether there was keyboard or mouse input.',
      'Time: the timers you start and stop and the entries you add.',
    ],
    neverCollects: ['Which keys you press or what you type.', 'The contents of your windows.'],
    acceptedAt: null,
    givenBy: null,
    policyVersion: null,
    notices: [],
    ...over,
  };
}

export function status(over: Partial<StatusDto> = {}): StatusDto {
  return {
    agent: {
      pid: 4242,
      version: '0.1.0',
      face: 'app',
      dataDir: '/home/ada/.local/share/clockhand',
      startedAt: '2026-11-23T08:00:00.000+01:00',
    },
    timer: { running: false, entryId: null, taskRef: null, startedAt: null, note: null, elapsedSeconds: 0 },
    todaySeconds: 0,
    activity: { source: 'none', degradedReason: null, activeSecondsToday: 0, lastInputAt: null },
    idle: { idle: false, since: null, pending: null, pendingCount: 0 },
    policy: { problem: null, lockedSettings: 0 },
    recovered: null,
    ...over,
  };
}
