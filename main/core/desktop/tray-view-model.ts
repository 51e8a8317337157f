import type { ScreenshotStatusDto } from '../../../common/dto';
import type { OpenSyncState } from '../ports/sync';
import type { TrayIconState, TrayItem, TrayView } from '../ports/tray';

export const RECENT_TASKS_IN_TRAY = 5;

/** Everything the tray shows, gathered by DesktopService from the core. */
export interface TrayInput {
  readonly timer: { readonly running: boolean; readonly taskRef: string | null; readonly elapsedSeconds: number };
  /** Distinct task references, most recent first. */
  readonly recentTasks: readonly string[];
  readonly screenshots: ScreenshotStatusDto;
  readonly sync: {
    readonly counts: Readonly<Record<OpenSyncState, number>>;
    readonly problems: readonly string[];
    /** Connections at all; without any there is nothing to sync. */
    readonly connections: number;
    /** Vendor names of connections that need the user to sign in again. */
    readonly needsSignIn: readonly string[];
  };
  /** Idle decisions waiting for the user. */
  readonly idlePending: number;
  readonly policyProblem: string | null;
}

/** The tray menu and icon for one moment. Pure: the same input gives the same view (the adapter redraws on change). */
export function trayViewModel(input: TrayInput): TrayView {
  const icon = iconState(input);
  const { timer } = input;
  const items: TrayItem[] = [];
  if (timer.running && timer.taskRef !== null) {
    items.push({ kind: 'label', text: `${timer.taskRef} — ${elapsedText(timer.elapsedSeconds)}` });
    items.push({ kind: 'command', label: 'Stop timer', command: { type: 'timer.stop' }, enabled: true });
  } else {
    items.push({ kind: 'label', text: 'No timer running' });
    const last = input.recentTasks[0];
    items.push(
      last === undefined
        ? { kind: 'command', label: 'Start timer…', command: { type: 'window.open', view: 'today' }, enabled: true }
        : { kind: 'command', label: `Start ${last}`, command: { type: 'timer.start', taskRef: last }, enabled: true },
    );
  }
  const recent = input.recentTasks.slice(0, RECENT_TASKS_IN_TRAY);
  if (recent.length > 0) {
    items.push({
      kind: 'submenu',
      label: 'Recent tasks',
      items: recent.map((taskRef) => ({
        kind: 'command',
        label: taskRef,
        command: { type: 'timer.start', taskRef },
        // Starting the task that is already running would only split the entry.
        enabled: !(timer.running && timer.taskRef === taskRef),
      })),
    });
  }
  items.push({ kind: 'separator' });
  if (input.idlePending > 0) {
    items.push({
      kind: 'command',
      label: input.idlePending === 1 ? 'Decide about idle time…' : `Decide about idle time (${String(input.idlePending)})…`,
      command: { type: 'window.open', view: 'idle' },
      enabled: true,
    });
  }
  items.push({ kind: 'label', text: screenshotLine(input.screenshots) });
  items.push({ kind: 'command', label: syncLine(input.sync), command: { type: 'window.open', view: 'sync' }, enabled: true });
  if (input.policyProblem !== null) items.push({ kind: 'label', text: `Policy: ${clip(input.policyProblem, 80)}` });
  items.push({ kind: 'separator' });
  items.push({ kind: 'command', label: 'Open Clockhand', command: { type: 'window.open', view: 'today' }, enabled: true });
  items.push({ kind: 'command', label: 'Quit Clockhand', command: { type: 'quit' }, enabled: true });
  return { icon, tooltip: tooltip(input, icon), items };
}

/** Needs attention wins over everything; then screenshots being taken; then tracking. */
export function iconState(input: TrayInput): TrayIconState {
  if (needsAttention(input)) return 'attention';
  if (input.timer.running && input.screenshots.active) return 'screenshots';
  if (input.timer.running) return 'tracking';
  return 'stopped';
}

function needsAttention(input: TrayInput): boolean {
  const { sync, screenshots } = input;
  return (
    input.idlePending > 0 ||
    sync.counts.needs_attention > 0 ||
    sync.counts.needs_reauth > 0 ||
    sync.needsSignIn.length > 0 ||
    sync.problems.length > 0 ||
    input.policyProblem !== null ||
    (screenshots.enabled && screenshots.problem !== null)
  );
}

export function screenshotLine(screenshots: ScreenshotStatusDto): string {
  const managed = screenshots.lockedBy === null ? '' : ' — managed by your organization';
  if (!screenshots.enabled) return `Screenshots off${managed}`;
  if (screenshots.problem !== null) return `Screenshots paused: ${clip(screenshots.problem, 60)}${managed}`;
  const blur = screenshots.blur ? ', blurred' : '';
  return `Screenshots on (every ${String(screenshots.intervalMinutes)} min${blur})${managed}`;
}

export function syncLine(sync: TrayInput['sync']): string {
  if (sync.needsSignIn.length > 0) return `Sync: sign in to ${sync.needsSignIn.join(', ')} again`;
  const first = sync.problems[0];
  if (first !== undefined) return `Sync: ${clip(first, 70)}`;
  const attention = sync.counts.needs_attention;
  if (attention > 0) return `Sync: ${String(attention)} worklog${attention === 1 ? '' : 's'} need${attention === 1 ? 's' : ''} attention`;
  if (sync.connections === 0) return 'Sync: no connections';
  const waiting = sync.counts.pending + sync.counts.in_flight;
  if (waiting > 0) return `Sync: ${String(waiting)} waiting`;
  return 'Sync: up to date';
}

/** h:mm for the menu (it changes once a minute, so the menu is redrawn once a minute). */
export function elapsedText(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  return `${String(Math.floor(minutes / 60))}:${String(minutes % 60).padStart(2, '0')}`;
}

function tooltip(input: TrayInput, icon: TrayIconState): string {
  const timer = input.timer.running && input.timer.taskRef !== null ? `Tracking ${input.timer.taskRef}` : 'No timer running';
  return icon === 'attention' ? `Clockhand — ${timer} — needs your attention` : `Clockhand — ${timer}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
