import type { Notifier } from '../ports/notifier';
import { notifications } from './notification-catalog';

/** What the rules look at, once a second (from the tracker's tick). Times are epoch milliseconds. */
export interface RulesSnapshot {
  readonly now: number;
  readonly timerRunning: boolean;
  readonly taskRef: string | null;
  readonly idle: boolean;
  /** When the current idle stretch began (null when not idle). */
  readonly idleSince: number | null;
  /** The last keyboard or mouse input (null before the first one). */
  readonly lastInputAt: number | null;
}

export interface RulesSettings {
  /** Activity without a timer for this many minutes raises "no timer is running"; 0 turns it off. */
  readonly forgotToStartMinutes: number;
  /** A running timer through this many idle minutes raises "your timer is still running"; 0 turns it off. */
  readonly forgotToStopMinutes: number;
}

/** Input older than this does not count as "active now". */
const ACTIVE_WINDOW_MS = 60_000;

/**
 * Which notification fires when, for the notifications that come from watching state rather than from one event:
 * forgot to start, forgot to stop, sync needs attention. The event-driven ones (back from idle, standup ready)
 * have a method each. Each fires once per occurrence; the gate behind the notifier deduplicates and rate-limits.
 */
export class NotificationRules {
  /** Start of the current stretch of activity without a timer (null: timer running, idle, or no input yet). */
  private untrackedSince: number | null = null;
  private untrackedNotified = false;
  private stopNotifiedFor: number | null = null;
  private attentionNotified = 0;

  constructor(
    private readonly notifier: Notifier,
    private readonly settings: () => RulesSettings,
    /** The most recently tracked task, offered by the forgot-to-start notification. */
    private readonly lastTaskRef: () => string | null,
  ) {}

  evaluate(state: RulesSnapshot): void {
    const settings = this.settings();
    this.forgotToStart(state, settings.forgotToStartMinutes);
    this.forgotToStop(state, settings.forgotToStopMinutes);
  }

  /** The number of worklogs in needs_attention: one notification each time it grows. */
  syncAttention(count: number): void {
    if (count > this.attentionNotified) this.notifier.notify(notifications.syncNeedsAttention(count));
    this.attentionNotified = count;
  }

  /** The user came back to a running timer and an idle decision is waiting. */
  backFromIdle(spanId: number, startedAt: number, endedAt: number, taskRef: string | null): void {
    this.notifier.notify(notifications.backFromIdle(spanId, (endedAt - startedAt) / 60_000, taskRef));
  }

  /** For the standup feature: the day's standup is drafted and waits for review (or was posted). */
  standupReady(day: string, summary: string): void {
    this.notifier.notify(notifications.standupReady(day, summary));
  }

  private forgotToStart(state: RulesSnapshot, minutes: number): void {
    const activeNow = !state.idle && state.lastInputAt !== null && state.now - state.lastInputAt < ACTIVE_WINDOW_MS;
    if (state.timerRunning || state.idle) {
      this.untrackedSince = null;
      this.untrackedNotified = false;
      return;
    }
    if (!activeNow) return;
    if (this.untrackedSince === null) {
      this.untrackedSince = state.lastInputAt;
      this.untrackedNotified = false;
    }
    if (minutes <= 0 || this.untrackedNotified) return;
    const activeMs = state.now - this.untrackedSince;
    if (activeMs >= minutes * 60_000) {
      this.untrackedNotified = true;
      this.notifier.notify(notifications.forgotToStart(activeMs / 60_000, this.lastTaskRef(), this.untrackedSince));
    }
  }

  private forgotToStop(state: RulesSnapshot, minutes: number): void {
    if (!state.timerRunning || !state.idle || state.idleSince === null || state.taskRef === null) return;
    if (minutes <= 0 || this.stopNotifiedFor === state.idleSince) return;
    const idleMs = state.now - state.idleSince;
    if (idleMs < minutes * 60_000) return;
    this.stopNotifiedFor = state.idleSince;
    this.notifier.notify(notifications.forgotToStop(state.taskRef, idleMs / 60_000, state.idleSince));
  }
}
