import type { StatusDto } from '../../common/dto';
import { calendarDateOf, dayRange, formatLocalIso } from '../../common/local-time';
import { ActivitySourceSupervisor } from './activity/source-supervisor';
import { PresenceRecorder } from './activity/presence-recorder';
import { toEntryDto, toIdleSpanDto } from './dto-mapping';
import { IdleDecisions } from './idle/idle-decisions';
import { IdleDetector, type IdleSpan } from './idle/idle-detector';
import type { ActivitySource, InputDevice } from './ports/activity-source';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { PowerEvent, PowerEvents } from './ports/power-events';
import type { IdleSpanRecord, Store, TimeEntryRecord } from './ports/repositories';
import type { Cancel, Scheduler } from './ports/scheduler';
import type { PolicyService } from './policy/policy-service';
import type { Presence } from './screenshots/screenshot-service';
import { ReportService } from './reports/report-service';
import type { ProjectNameOf } from './reports/task-totals';
import { workingHoursOf } from './reports/working-hours-setting';
import { EntryService } from './tracking/entry-service';
import { TimerService, type TimerRecovery } from './tracking/timer-service';

/** Wall and monotonic time may disagree by this much between ticks before it counts as a jump. */
export const CLOCK_JUMP_TOLERANCE_MS = 2_000;
/** A tick arriving this late means the process was frozen (suspended without an event). */
export const STALL_MS = 15_000;
export const TICK_MS = 1_000;
/** Policy files are re-read every this many ticks: changes apply within 5 seconds. */
export const POLICY_REFRESH_TICKS = 2;

export interface AgentInfo {
  readonly pid: number;
  readonly version: string;
  readonly face: 'agent' | 'app';
  readonly dataDir: string;
  readonly startedAt: number;
}

export interface TrackerDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly store: Store;
  /** Effective settings (admin policy > user > default), re-read every POLICY_REFRESH_TICKS. */
  readonly policy: PolicyService;
  readonly activitySources: readonly ActivitySource[];
  readonly powerEvents: PowerEvents;
  readonly logger: Logger;
  readonly agent: AgentInfo;
  readonly onIdlePending?: (span: IdleSpanRecord) => void;
  /** Runs after every tick (the screenshot schedule), outside the tick's transaction. */
  readonly afterTick?: () => void;
  /** Whether anything may be recorded (first-run consent); nothing about activity or idle is stored while false. */
  readonly recording?: () => boolean;
  /** Task project names (the assigned-task cache), for reports by project. */
  readonly projectNames?: () => ProjectNameOf;
}

/**
 * The tracking core: one tick a second turns presence into activity minutes, watches for idle and clock gaps,
 * checkpoints the running timer, and settles idle decisions nobody answered.
 */
export class Tracker {
  readonly timer: TimerService;
  readonly entries: EntryService;
  readonly decisions: IdleDecisions;
  readonly reports: ReportService;
  private readonly presence = new PresenceRecorder();
  private readonly supervisor: ActivitySourceSupervisor;
  private readonly detector: IdleDetector;
  private prevWall: number;
  private prevMono: number;
  private sawInput = false;
  private recovery: TimerRecovery | null = null;
  private cancels: Cancel[] = [];
  private ticks = 0;

  constructor(private readonly deps: TrackerDeps) {
    const { clock, store, logger } = deps;
    this.timer = new TimerService(store, logger);
    this.entries = new EntryService(store);
    this.reports = new ReportService(store, {
      workingHours: () => workingHoursOf(deps.policy),
      projectNames: deps.projectNames ?? (() => () => null),
    });
    this.decisions = new IdleDecisions(
      store,
      () => {
        const settings = deps.policy.trackingSettings();
        return { promptMs: settings.idlePromptMinutes * 60_000, defaultAction: settings.idleDefaultAction };
      },
      logger,
      deps.onIdlePending,
    );
    this.supervisor = new ActivitySourceSupervisor(
      deps.activitySources,
      () => this.preferredSource(),
      (device) => {
        this.input(device);
      },
      logger,
    );
    this.prevWall = clock.now();
    this.prevMono = clock.monotonic();
    this.detector = new IdleDetector(() => this.idleThresholdMs(), this.prevWall, this.prevMono);
  }

  /** Recovers a timer left running by a crash, then starts sources, power events and the tick. */
  start(): void {
    const now = this.deps.clock.now();
    this.recovery = this.timer.recover(now, this.idleThresholdMs());
    const outage = this.recovery?.outage;
    if (outage && outage.end > outage.start) this.handleSpan({ ...outage, reason: 'agent-stopped' }, now);
    this.decisions.applyDefaults(now);
    this.supervisor.start();
    this.cancels.push(
      this.deps.powerEvents.subscribe((event) => {
        this.power(event);
      }),
    );
    this.cancels.push(
      this.deps.scheduler.every(TICK_MS, () => {
        this.tick();
      }),
    );
  }

  /** Stops everything and checkpoints the running entry, so a clean shutdown loses nothing. */
  stop(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels = [];
    this.supervisor.stop();
    this.timer.checkpoint(this.deps.clock.now());
  }

  /** The hot path from every activity source. */
  input(device: InputDevice): void {
    this.presence.mark(device);
  }

  tick(): void {
    const { clock, store, logger } = this.deps;
    this.ticks += 1;
    if (this.ticks % POLICY_REFRESH_TICKS === 0) this.refreshPolicy();
    const wall = clock.now();
    const mono = clock.monotonic();
    const wallDelta = wall - this.prevWall;
    const monoDelta = mono - this.prevMono;
    const presence = this.presence.take();
    store.transaction(() => {
      if (monoDelta > STALL_MS && wall > this.prevWall) {
        logger.info('process was frozen; treating the gap as sleep', { seconds: Math.round(wallDelta / 1000) });
        this.handleGap(this.prevWall, wall, 'suspended', mono);
      } else if (wallDelta - monoDelta > CLOCK_JUMP_TOLERANCE_MS) {
        logger.warn('wall clock jumped forward', { seconds: Math.round((wallDelta - monoDelta) / 1000) });
        this.handleGap(this.prevWall + monoDelta, wall, 'clock-jump', mono);
      } else if (monoDelta - wallDelta > CLOCK_JUMP_TOLERANCE_MS) {
        logger.warn('wall clock went back', { seconds: Math.round((monoDelta - wallDelta) / 1000) });
        this.detector.clockWentBack(wall);
      }
      if (presence.any && this.recording()) {
        this.sawInput = true;
        store.activity.addSecond(wall - 1, presence.keyboard, presence.mouse);
        const span = this.detector.input(wall, mono);
        if (span) this.handleSpan(span, wall);
      }
      this.detector.evaluate(mono);
      this.timer.checkpoint(wall);
      this.decisions.applyDefaults(wall);
    });
    this.prevWall = wall;
    this.prevMono = mono;
    this.deps.afterTick?.();
  }

  status(): StatusDto {
    const now = this.deps.clock.now();
    const running = this.timer.running();
    const today = dayRange(calendarDateOf(now));
    const pending = this.decisions.pending();
    const activity = this.supervisor.status();
    const recovery = this.recovery;
    return {
      agent: { ...this.deps.agent, startedAt: formatLocalIso(this.deps.agent.startedAt) },
      timer: {
        running: running !== null,
        entryId: running?.id ?? null,
        taskRef: running?.taskRef ?? null,
        startedAt: running ? formatLocalIso(running.startedAt) : null,
        note: running?.note ?? null,
        elapsedSeconds: running ? toEntryDto(running, now).durationSeconds : 0,
      },
      todaySeconds: this.reports.trackedSeconds(today.start, today.end, now),
      activity: {
        source: activity.source,
        degradedReason: activity.degradedReason,
        activeSecondsToday: this.deps.store.activity.activeSecondsBetween(today.start, today.end),
        lastInputAt: this.sawInput ? formatLocalIso(this.detector.lastInputAt) : null,
      },
      idle: {
        idle: this.detector.idle,
        since: this.detector.since === null ? null : formatLocalIso(this.detector.since),
        pending: pending[0] ? toIdleSpanDto(pending[0]) : null,
        pendingCount: pending.length,
      },
      policy: {
        problem: this.deps.policy.problem(),
        lockedSettings: this.deps.policy.list().filter((setting) => setting.locked).length,
      },
      recovered: recovery
        ? {
            entryId: recovery.entry.id,
            taskRef: recovery.entry.taskRef,
            endedAt: formatLocalIso(recovery.entry.endedAt ?? now),
            resumed: recovery.resumed,
          }
        : null,
    };
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** What the screenshot schedule reads every second: the running timer, idle (incl. locked/suspended), last input. */
  screenshotPresence(): Presence {
    const running = this.timer.running();
    return {
      timerRunning: running !== null,
      entryId: running?.id ?? null,
      taskRef: running?.taskRef ?? null,
      idle: this.detector.idle,
      lastInputAt: this.sawInput ? this.detector.lastInputAt : null,
    };
  }

  /** When the current idle stretch began (incl. locked/suspended), or null while active. */
  idleSince(): number | null {
    return this.detector.since;
  }

  get policy(): PolicyService {
    return this.deps.policy;
  }

  /** Entries intersecting [from, to), the running one included. */
  entriesBetween(from: number, to: number): TimeEntryRecord[] {
    return this.deps.store.entries.intersecting(from, to, this.deps.clock.now());
  }

  private power(event: PowerEvent): void {
    const wall = this.deps.clock.now();
    const mono = this.deps.clock.monotonic();
    this.deps.logger.info('power event', { event });
    let span: IdleSpan | null = null;
    switch (event) {
      case 'suspend':
        this.detector.suspend(wall);
        this.timer.checkpoint(wall);
        break;
      case 'lock':
        this.detector.lock(wall);
        break;
      case 'resume':
        span = this.detector.resume(wall, mono);
        break;
      case 'unlock':
        span = this.detector.unlock(wall, mono);
        break;
    }
    // The span already covers the time away: the next tick must not count it again as a gap.
    this.prevWall = wall;
    this.prevMono = mono;
    if (span) this.handleSpan(span, wall);
  }

  private handleGap(from: number, to: number, reason: 'suspended' | 'clock-jump', mono: number): void {
    const span = this.detector.gap(from, to, reason, mono);
    if (span) this.handleSpan(span, to);
  }

  private handleSpan(span: IdleSpan, now: number): void {
    if (!this.recording()) return;
    this.decisions.handle(span, now);
  }

  /** Re-reads the policy (outside any transaction: it reads files) and applies a change of activity source. */
  private refreshPolicy(): void {
    const before = this.preferredSource();
    this.deps.policy.refresh();
    if (this.preferredSource() !== before) this.supervisor.restart();
  }

  private recording(): boolean {
    return this.deps.recording?.() ?? true;
  }

  private preferredSource(): 'hook' | 'idle-time' {
    return this.deps.policy.get('activity.source') === 'idle-time' ? 'idle-time' : 'hook';
  }

  private idleThresholdMs(): number {
    return this.deps.policy.trackingSettings().idleMinutes * 60_000;
  }
}
