import type { DayReport, MonthReport, StandupDto } from '../../common/dto';

const at = (day: string, time: string): string => `${day}T${time}:00.000+01:00`;

type Totals = Pick<DayReport, 'totalSeconds' | 'byTask' | 'byProject' | 'byProvider'>;

/** Time on one task (each of its own project and provider), largest first. */
interface Worked {
  readonly taskRef: string;
  readonly provider: DayReport['byProvider'][number]['provider'];
  readonly project: string;
  readonly name: string | null;
  readonly seconds: number;
}

/** A report's total and its breakdowns by task, project and provider, adding up by construction. */
function totals(worked: readonly Worked[]): Totals {
  return {
    totalSeconds: worked.reduce((sum, { seconds }) => sum + seconds, 0),
    byTask: worked.map(({ taskRef, seconds }) => ({ taskRef, seconds })),
    byProject: worked.map(({ provider, project, name, seconds }) => ({ provider, project, name, seconds })),
    byProvider: worked.map(({ provider, seconds }) => ({ provider, seconds })),
  };
}

/** A day with 09:00–10:30 on PROJ-1 (10:00–10:20 of it idle, undecided), 11:00–12:00 untracked, 12:00–17:00 on a local task. */
export function dayReport(day: string): DayReport {
  return {
    day,
    from: at(day, '00:00'),
    to: at(day, '24:00'),
    ...totals([
      { taskRef: 'local:Planning', provider: 'local', project: 'local', name: null, seconds: 18_000 },
      { taskRef: 'jira:PROJ-1', provider: 'jira', project: 'PROJ', name: null, seconds: 5_400 },
    ]),
    activity: { activeSeconds: 20_000, keyboardSeconds: 9_000, mouseSeconds: 15_000, percentOfTracked: 85.5, slots: [] },
    ledger: {
      workingFrom: at(day, '09:00'),
      workingTo: at(day, '17:00'),
      segments: [
        { start: at(day, '09:00'), end: at(day, '10:00'), seconds: 3_600, kind: 'tracked', taskRef: 'jira:PROJ-1' },
        { start: at(day, '10:00'), end: at(day, '10:20'), seconds: 1_200, kind: 'idle_pending', taskRef: 'jira:PROJ-1' },
        { start: at(day, '10:20'), end: at(day, '10:30'), seconds: 600, kind: 'tracked', taskRef: 'jira:PROJ-1' },
        { start: at(day, '10:30'), end: at(day, '12:00'), seconds: 5_400, kind: 'untracked', taskRef: null },
        { start: at(day, '12:00'), end: at(day, '17:00'), seconds: 18_000, kind: 'tracked', taskRef: 'local:Planning' },
      ],
      totals: {
        trackedSeconds: 22_200,
        idleKeptSeconds: 0,
        idlePendingSeconds: 1_200,
        idleDiscardedSeconds: 0,
        untrackedSeconds: 5_400,
        trackedOutsideSeconds: 900,
      },
    },
    entries: [],
  };
}

/** A month with two worked days: 3 h on PROJ-1 and 1 h on an Asana task. */
export function monthReport(month: string): MonthReport {
  return {
    month,
    from: `${month}-01T00:00:00.000+01:00`,
    to: `${month}-30T24:00:00.000+01:00`,
    ...totals([
      { taskRef: 'jira:PROJ-1', provider: 'jira', project: 'PROJ', name: 'Portal', seconds: 10_800 },
      { taskRef: 'asana:1201', provider: 'asana', project: 'asana', name: null, seconds: 3_600 },
    ]),
    days: [
      { day: `${month}-02`, totalSeconds: 10_800, activeSeconds: 9_000, percentOfTracked: 80 },
      { day: `${month}-03`, totalSeconds: 3_600, activeSeconds: 1_800, percentOfTracked: 40 },
      { day: `${month}-04`, totalSeconds: 0, activeSeconds: 0, percentOfTracked: null },
    ],
  };
}

export function standup(over: Partial<StandupDto> = {}): StandupDto {
  return {
    id: 7,
    day: '2026-11-24',
    state: 'draft',
    destination: null,
    connectionId: null,
    workedDay: '2026-11-23',
    yesterday: [{ taskRef: 'jira:PROJ-1', title: 'Checkout page loads slowly', minutes: 90 }],
    today: [{ taskRef: 'jira:PROJ-1', title: 'Checkout page loads slowly', running: false }],
    edits: { yesterday: null, today: null, blockers: null },
    text: 'Daily standup 2026-11-24\n\nYesterday (2026-11-23):\n- PROJ-1 Checkout page loads slowly (1h 30m)\n\nToday:\n- PROJ-1 Checkout page loads slowly\n\nBlockers:\n  None',
    revision: 1,
    postedRevision: 0,
    attempts: 0,
    lastError: null,
    remoteId: null,
    offeredAt: null,
    postedAt: null,
    updatedAt: '2026-11-24T09:30:00.000+01:00',
    ...over,
  };
}
