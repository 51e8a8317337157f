import { calendarDateOf, dayRange, formatCalendarDate, parseCalendarDate } from '../../../common/local-time';
import { DomainError } from '../errors';
import type { ConnectionService } from '../integrations/connection-service';
import type { AssignedTaskRepository } from '../ports/assigned-tasks';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import { notifications } from '../notifications/notification-catalog';
import type { TimeEntryRecord } from '../ports/repositories';
import type { StandupEdits, StandupRecord, StandupRepository } from '../ports/standups';
import { composeStandup } from './standup-compose';
import { problemMessage, standupReadiness, type StandupDestinationSettings, type StandupReadiness } from './standup-readiness';
import { previousWorkingDay, standupDue, type StandupSchedule } from './standup-schedule';

/** What the service reads from the effective settings (admin policy > user > default). */
export interface StandupSettings extends StandupSchedule, StandupDestinationSettings {
  readonly reviewBeforePost: boolean;
}

export interface StandupServiceDeps {
  readonly standups: StandupRepository;
  readonly assigned: AssignedTaskRepository;
  readonly connections: ConnectionService;
  readonly settings: () => StandupSettings;
  /** standup.enabled alone: read every tick, so it must be cheap. */
  readonly enabled: () => boolean;
  /** Entries intersecting [from, to), the running one included. */
  readonly entriesBetween: (from: number, to: number) => TimeEntryRecord[];
  readonly running: () => TimeEntryRecord | null;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after a standup is queued or edited, so it goes out without waiting for the next pump. */
  readonly wake: () => void;
}

export type EditRequest = { readonly [K in keyof StandupEdits]?: string | null };

/**
 * Daily standups: composes the day's standup from what was tracked, offers it at the scheduled local time (a
 * notification, or straight into the outbox when the policy allows auto-post), and takes the user's edits and posts.
 */
export class StandupService {
  /** The day whose offer is settled (offered, or found already offered), so the tick reads nothing after it. */
  private settledDay: string | null = null;

  constructor(private readonly deps: StandupServiceDeps) {}

  /** Runs every tick: offers today's standup once its time has come (also right after a wake on the same day). */
  tick(): void {
    const now = this.deps.clock.now();
    const today = calendarDateOf(now);
    const day = formatCalendarDate(today);
    if (this.settledDay === day || !this.deps.enabled()) return;
    const settings = this.deps.settings();
    if (!standupDue(settings, today, now)) return;
    this.settledDay = day;
    const existing = this.deps.standups.byDay(day);
    if (existing !== null && existing.offeredAt !== null) return;
    const draft = this.compose(day);
    const offered = this.deps.standups.markOffered(draft.id, now);
    this.deps.logger.info('standup offered', { day, review: settings.reviewBeforePost });
    if (!settings.reviewBeforePost && offered.postedRevision === 0 && offered.state === 'draft') {
      try {
        this.post(day);
        this.deps.notifier.notify(notifications.standupPosted(day));
        return;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.deps.logger.warn('standup auto-post is not possible', { reason: why });
        this.deps.notifier.notify(notifications.standupReady(day, `It could not be posted by itself: ${why}`));
        return;
      }
    }
    this.deps.notifier.notify(
      notifications.standupReady(
        day,
        `Your standup for ${day} is ready: review it with clockhand standup preview, then clockhand standup post.`,
      ),
    );
  }

  /** The day's standup; one not yet queued is recomposed from the current data first. */
  preview(dayText?: string): StandupRecord {
    const day = this.day(dayText);
    const existing = this.deps.standups.byDay(day);
    if (existing !== null && (existing.queuedAt !== null || existing.postedRevision > 0)) return existing;
    return this.compose(day);
  }

  edit(dayText: string | undefined, request: EditRequest): StandupRecord {
    const current = this.preview(dayText);
    if (current.state === 'in_flight' && current.postedRevision === 0 && current.target?.kind !== 'slack') {
      throw new DomainError('conflict', 'the standup is being posted right now; try again in a moment');
    }
    const posted = current.postedRevision > 0;
    if (posted && current.target?.kind !== 'slack') {
      throw new DomainError('conflict', 'a Teams standup cannot be changed after it is posted; edit it in Teams');
    }
    const edits: StandupEdits = {
      yesterday: pickEdit(request.yesterday, current.edits.yesterday),
      today: pickEdit(request.today, current.edits.today),
      blockers: pickEdit(request.blockers, current.edits.blockers),
    };
    const edited = this.deps.standups.edit(current.id, edits, posted, this.deps.clock.now());
    if (posted) this.deps.wake();
    return edited;
  }

  /** Queues the day's standup in the outbox, to the destination the settings name. */
  post(dayText?: string): StandupRecord {
    const current = this.preview(dayText);
    switch (current.state) {
      case 'posted':
        throw new DomainError('conflict', `the standup for ${current.day} is already posted; edit it to change it`);
      case 'pending':
      case 'in_flight':
        return current;
      case 'draft':
      case 'needs_attention':
      case 'needs_reauth':
        break;
    }
    const readiness = this.destination();
    if (!readiness.ready) {
      throw new DomainError(
        readiness.problem.reason === 'not_allowed' ? 'policy_locked' : 'invalid_input',
        problemMessage(readiness.problem),
      );
    }
    const { connection, target } = readiness;
    const queued = this.deps.standups.queue(current.id, connection.id, target, this.deps.clock.now());
    this.deps.wake();
    return queued;
  }

  history(limit: number): StandupRecord[] {
    return this.deps.standups.history(limit);
  }

  private compose(day: string): StandupRecord {
    const now = this.deps.clock.now();
    const date = parse(day);
    const settings = this.deps.settings();
    const workedDate = previousWorkingDay(date, settings.weekdays);
    const range = dayRange(workedDate);
    const content = composeStandup({
      worked: { day: formatCalendarDate(workedDate), start: range.start, end: range.end },
      entries: this.deps.entriesBetween(range.start, range.end),
      assigned: this.deps.assigned.list(),
      // The running timer belongs to Today only when the standup is today's.
      running: day === formatCalendarDate(calendarDateOf(now)) ? this.deps.running() : null,
      now,
    });
    return this.deps.standups.saveDraft(day, content, now);
  }

  /** Where a standup would go now and whether it can: what the window shows, and what post() obeys. */
  destination(): StandupReadiness {
    return standupReadiness({
      settings: this.deps.settings(),
      refusal: (provider) => this.deps.connections.refusal(provider),
      connections: this.deps.connections.list(),
    });
  }

  private day(text: string | undefined): string {
    const now = this.deps.clock.now();
    if (text === undefined) return formatCalendarDate(calendarDateOf(now));
    const date = parse(text);
    if (dayRange(date).start > now) throw new DomainError('invalid_input', `${text} is in the future`);
    return formatCalendarDate(date);
  }
}

function parse(text: string): ReturnType<typeof calendarDateOf> {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.message);
  return parsed.value;
}

/** undefined: unchanged; '' or null: back to what was composed (blockers: none); text: the user's words. */
function pickEdit(requested: string | null | undefined, current: string | null): string | null {
  if (requested === undefined) return current;
  if (requested === null || requested.trim() === '') return null;
  return requested;
}
