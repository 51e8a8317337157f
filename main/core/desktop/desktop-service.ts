import type { OperationInput, OperationName } from '../../../common/contract';
import type { DataArea } from '../../../common/ipc-event-names';
import type { Tracker } from '../engine';
import { toEntryDto } from '../dto-mapping';
import { vendorName } from '../integrations/connection-service';
import type { NotificationRules } from '../notifications/notification-rules';
import type { ConnectionRepository } from '../ports/connections';
import type { SyncRepository } from '../ports/sync';
import type { TrayView } from '../ports/tray';
import type { ScreenshotService } from '../screenshots/screenshot-service';
import type { DesktopCommand, WindowView } from './desktop-commands';
import { RECENT_TASKS_IN_TRAY, trayViewModel } from './tray-view-model';

/** How far back the tray looks for recent tasks. */
const RECENT_TASK_DAYS = 30;
/** Recent tasks are re-read this often (and whenever the running task changes). */
const RECENT_REFRESH_MS = 60_000;
/** The outbox is counted for the sync notification this often. */
const SYNC_CHECK_MS = 30_000;

/**
 * What one desktop command comes down to: an operation of the contract (with the areas of an open window it changes,
 * for the window to read again), the window, or quitting.
 */
export type DesktopStep =
  | { readonly kind: 'invoke'; readonly step: InvokeStep; readonly changes: readonly DataArea[] }
  | { readonly kind: 'window'; readonly view: WindowView; readonly id: string | null }
  | { readonly kind: 'quit' };

/** Each operation name paired with its own input type. */
export type InvokeStep = { [K in OperationName]: { readonly name: K; readonly input: OperationInput<K> } }[OperationName];

export interface DesktopDeps {
  readonly tracker: Tracker;
  readonly screenshots: ScreenshotService;
  readonly outbox: SyncRepository;
  readonly connections: ConnectionRepository;
  readonly syncProblems: () => string[];
  readonly rules: NotificationRules;
}

/**
 * The desktop face's logic, in the core: the tray view, the notification rules on every tick, and what a tray item,
 * a notification button or the shortcut does. The Electron shell only draws and forwards.
 */
export class DesktopService {
  private recent: string[] = [];
  private recentAt = Number.NEGATIVE_INFINITY;
  private recentFor: string | null = null;
  private syncCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: DesktopDeps) {}

  trayView(): TrayView {
    const { tracker, screenshots, outbox, connections } = this.deps;
    const now = tracker.now();
    const running = tracker.timer.running();
    const records = connections.list();
    return trayViewModel({
      timer: {
        running: running !== null,
        taskRef: running?.taskRef ?? null,
        elapsedSeconds: running === null ? 0 : toEntryDto(running, now).durationSeconds,
      },
      recentTasks: this.recentTasks(),
      screenshots: screenshots.status(),
      sync: {
        counts: outbox.openCounts(),
        problems: this.deps.syncProblems(),
        connections: records.length,
        needsSignIn: [...new Set(records.filter((c) => c.state === 'needs_reauth').map((c) => vendorName(c.provider)))],
      },
      idlePending: tracker.decisions.pending().length,
      policyProblem: tracker.policy.problem(),
    });
  }

  /** Distinct tasks of the last 30 days, most recent first (at most five). */
  recentTasks(): string[] {
    const { tracker } = this.deps;
    const now = tracker.now();
    const runningRef = tracker.timer.running()?.taskRef ?? null;
    if (now - this.recentAt < RECENT_REFRESH_MS && runningRef === this.recentFor && now >= this.recentAt) return this.recent;
    const entries = tracker.entriesBetween(now - RECENT_TASK_DAYS * 86_400_000, now + 1);
    const ordered = [...entries].sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
    this.recent = [...new Set(ordered.map((entry) => entry.taskRef))].slice(0, RECENT_TASKS_IN_TRAY);
    this.recentAt = now;
    this.recentFor = runningRef;
    return this.recent;
  }

  /** Runs after every tracker tick: the state-watching notification rules. */
  tick(): void {
    const { tracker, rules, outbox } = this.deps;
    const presence = tracker.screenshotPresence();
    const now = tracker.now();
    rules.evaluate({
      now,
      timerRunning: presence.timerRunning,
      taskRef: presence.taskRef,
      idle: presence.idle,
      idleSince: tracker.idleSince(),
      lastInputAt: presence.lastInputAt,
    });
    if (now - this.syncCheckedAt >= SYNC_CHECK_MS || now < this.syncCheckedAt) {
      this.syncCheckedAt = now;
      rules.syncAttention(outbox.openCounts().needs_attention);
    }
  }

  /** The login item and the global start/stop shortcut, as the effective settings say (policy or user). */
  integrationSettings(): { readonly openAtLogin: boolean; readonly timerShortcut: string | null } {
    const { policy } = this.deps.tracker;
    const shortcut = policy.get('desktop.timerShortcut');
    return { openAtLogin: policy.get('desktop.openAtLogin') === true, timerShortcut: typeof shortcut === 'string' ? shortcut : null };
  }

  /**
   * Changes whenever an effective setting (policy or user) or a connection's state changes, wherever the change came
   * from (a policy file, the CLI, a token revoked): the shell tells an open window to read its settings again.
   */
  settingsRevision(): string {
    const settings = this.deps.tracker.policy.list().map((setting) => [setting.key, setting.value, setting.origin, setting.locked]);
    const connections = this.deps.connections.list().map((record) => [record.id, record.state]);
    return JSON.stringify([settings, connections]);
  }

  /** The standup feature calls this when a day's standup is ready for review. */
  standupReady(day: string, summary: string): void {
    this.deps.rules.standupReady(day, summary);
  }

  /** What a command does. `timer.toggle` (the shortcut) stops a running timer, else restarts the last task. */
  resolve(command: DesktopCommand): DesktopStep {
    const startTimer = (taskRef: string): DesktopStep => ({
      kind: 'invoke',
      step: { name: 'timer.start', input: { taskRef } },
      changes: ['timer', 'entries'],
    });
    const stopTimer: DesktopStep = { kind: 'invoke', step: { name: 'timer.stop', input: {} }, changes: ['timer', 'entries', 'sync'] };
    switch (command.type) {
      case 'timer.start':
        return startTimer(command.taskRef);
      case 'timer.stop':
        return stopTimer;
      case 'timer.toggle': {
        if (this.deps.tracker.timer.running() !== null) return stopTimer;
        const last = this.recentTasks()[0];
        return last === undefined ? { kind: 'window', view: 'today', id: null } : startTimer(last);
      }
      case 'idle.resolve':
        return {
          kind: 'invoke',
          step: { name: 'idle.resolve', input: { action: command.action, id: command.id } },
          changes: ['idle', 'entries', 'timer'],
        };
      case 'screenshot.delete':
        return { kind: 'invoke', step: { name: 'screenshot.delete', input: { id: command.id } }, changes: ['screenshots'] };
      case 'window.open':
        return { kind: 'window', view: command.view, id: command.id ?? null };
      case 'quit':
        return { kind: 'quit' };
    }
  }
}
