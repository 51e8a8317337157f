import { calendarDateOf, dayRange, parseCalendarDate, parseIsoDateTime, type CalendarDate } from '../../../common/local-time';
import { operations, type OperationName, type OperationOutput, type Operations } from '../../../common/contract';
import { fail, ok, type Result } from '../../../common/result';
import { parseTaskRef } from '../../../common/task-ref';
import { toEntryDto, toIdleSpanDto } from '../dto-mapping';
import type { ConnectionService } from '../integrations/connection-service';
import type { OAuthSignIn } from '../integrations/oauth/oauth-sign-in';
import { toConnectionDto } from '../integrations/connection-dto';
import { toPolicyChangeDto, toPolicyView, toSettingDto } from '../policy/policy-dto';
import type { Tracker } from '../engine';
import type { SyncService } from '../sync/sync-service';
import type { AssignedTaskService } from '../sync/assigned-task-service';
import { toSyncItemDto } from '../sync/sync-dto';
import { DomainError } from '../errors';
import type { Logger } from '../ports/logger';
import type { ScreenshotService } from '../screenshots/screenshot-service';
import { toScreenshotDto } from '../screenshots/screenshot-dto';
import { base64OfBytes } from '../../../common/base64';
import type { z } from 'zod';
import type { DataRights } from '../data-rights';
import type { StandupService } from '../standup/standup-service';
import { toStandupDestinationDto, toStandupDto } from '../standup/standup-dto';
import type { ConsentService } from '../consent/consent-service';
import type { BackupSchedule } from '../backup/backup-schedule';

type Handlers = {
  [K in OperationName]: (input: z.output<Operations[K]['input']>) => OperationOutput<K> | Promise<OperationOutput<K>>;
};

/** The operations of common/contract.ts, bound to the tracking core. The compiler demands one per operation. */
export function createHandlers(
  tracker: Tracker,
  connections: ConnectionService,
  sync: SyncService,
  tasks: AssignedTaskService,
  signIn: OAuthSignIn,
  screenshots: ScreenshotService,
  data: DataRights,
  standups: StandupService,
  consent: ConsentService,
  backups: BackupSchedule,
): Handlers {
  const now = (): number => tracker.now();
  return {
    status: () => ({ ...tracker.status(), screenshots: screenshots.status(), consent: consent.view() }),
    'timer.start': ({ taskRef, note }) => {
      consent.require('starting a timer');
      return toEntryDto(tracker.timer.start(task(taskRef), note ?? null, now()), now());
    },
    'timer.stop': () => toEntryDto(tracker.timer.stop(now()), now()),
    'entries.list': ({ from, to }) => {
      const range = daySpan(from, to, now());
      return tracker
        .entriesBetween(range.start, range.end)
        .map((entry) => ({ ...toEntryDto(entry, now()), sync: sync.forEntry(entry.id) }));
    },
    'entry.add': ({ taskRef, start, end, note }) => {
      tracker.policy.requireAllowed('tracking.allowManualEntries', 'adding entries by hand');
      consent.require('adding an entry');
      return toEntryDto(tracker.entries.add(task(taskRef), instant(start, 'start'), instant(end, 'end'), note ?? null, now()), now());
    },
    'entry.edit': ({ id, taskRef, start, end, note }) => {
      tracker.policy.requireAllowed('tracking.allowEditing', 'editing entries');
      const edit = {
        ...(taskRef !== undefined && { taskRef: task(taskRef) }),
        ...(start !== undefined && { startedAt: instant(start, 'start') }),
        ...(end !== undefined && { endedAt: instant(end, 'end') }),
        ...(note !== undefined && { note }),
      };
      if (Object.keys(edit).length === 0)
        throw new DomainError('invalid_input', 'nothing to change: give --task, --start, --end or --note');
      return toEntryDto(tracker.entries.edit(id, edit, now()), now());
    },
    'entry.split': ({ id, at }) => {
      tracker.policy.requireAllowed('tracking.allowEditing', 'editing entries');
      const [first, second] = tracker.entries.split(id, instant(at, 'split time'), now());
      return [toEntryDto(first, now()), toEntryDto(second, now())];
    },
    'entry.delete': ({ id }) => {
      tracker.policy.requireAllowed('tracking.allowEditing', 'editing entries');
      tracker.entries.delete(id);
      return { deleted: id };
    },
    'idle.list': ({ from, to }) => {
      if (from === undefined && to === undefined) return tracker.decisions.pending().map(toIdleSpanDto);
      const range = daySpan(from, to, now());
      return tracker.decisions.between(range.start, range.end).map(toIdleSpanDto);
    },
    'idle.resolve': ({ action, taskRef, id }) => {
      if (action !== 'reassign' && taskRef !== undefined) {
        throw new DomainError('invalid_input', `a task is only given with reassign, not with ${action}`);
      }
      const target = taskRef === undefined ? null : task(taskRef);
      return toIdleSpanDto(tracker.decisions.resolve(id, action, target, now()));
    },
    'report.day': ({ day }) => tracker.reports.day(date(day), now()),
    'report.week': ({ day }) => tracker.reports.week(date(day), now()),
    'report.month': ({ month }) => tracker.reports.month(date(`${month}-01`), now()),
    'policy.show': () => toPolicyView(tracker.policy),
    'policy.history': ({ limit }) => tracker.policy.history(limit ?? 100).map(toPolicyChangeDto),
    'settings.set': ({ key, value }) => toSettingDto(tracker.policy.setUserSetting(key, value)),
    'settings.reset': ({ key }) => toSettingDto(tracker.policy.resetUserSetting(key)),
    'connections.list': () => connections.list().map(toConnectionDto),
    'connection.add': async (request) => toConnectionDto(await connections.connect(request)),
    'connection.check': async ({ id }) => toConnectionDto(await connections.check(id)),
    'connection.remove': async ({ id }) => {
      await connections.disconnect(id);
      return { removed: id };
    },
    'sync.list': ({ limit, states }) => sync.view(limit ?? 100, states),
    'sync.retry': ({ id }) => toSyncItemDto(sync.retry(id)),
    'sync.drop': ({ id }) => {
      sync.drop(id);
      return { dropped: id };
    },
    'sync.now': ({ day }) => {
      if (day === undefined) return sync.now();
      const range = dayRange(date(day));
      return sync.now({ from: range.start, to: range.end });
    },
    'tasks.list': ({ refresh }) => tasks.view(refresh ?? false),
    'connection.oauth.begin': ({ provider, site }) => signIn.begin(provider, site),
    'connection.oauth.finish': async ({ flow }) => toConnectionDto(await signIn.finish(flow)),
    'connection.oauth.cancel': ({ flow }) => ({ cancelled: signIn.cancel(flow) }),
    'screenshots.enable': () => screenshots.enable(),
    'screenshots.disable': () => screenshots.disable(),
    'screenshots.list': ({ day }) => {
      const range = daySpan(day, day, now());
      return screenshots.list(range.start, range.end).map(toScreenshotDto);
    },
    'screenshot.export': async ({ id, out }) => {
      const exported = await screenshots.exportPng(id, out);
      return { id, out, width: exported.width, height: exported.height };
    },
    'screenshot.delete': async ({ id }) => {
      await screenshots.delete(id);
      return { deleted: id };
    },
    'screenshot.thumbnail': async ({ id }) => {
      const thumb = await screenshots.thumbnail(id);
      return { id, width: thumb.width, height: thumb.height, pngBase64: base64OfBytes(thumb.png) };
    },
    'screenshot.image': async ({ id }) => {
      const image = await screenshots.image(id);
      return { id, width: image.width, height: image.height, pngBase64: base64OfBytes(image.png) };
    },
    'data.export': (request) => data.exporter().export(request),
    'data.exportProgress': () => data.exporter().progress(),
    'data.erase': () => {
      data.erase();
      return { erasing: true as const };
    },
    'standup.preview': ({ day }) => toStandupDto(standups.preview(day)),
    'standup.edit': ({ day, yesterday, today, blockers }) => {
      if (yesterday === undefined && today === undefined && blockers === undefined)
        throw new DomainError('invalid_input', 'nothing to change: give --yesterday, --today or --blockers');
      return toStandupDto(standups.edit(day, { yesterday, today, blockers }));
    },
    'standup.post': ({ day }) => toStandupDto(standups.post(day)),
    'standup.history': ({ limit }) => standups.history(limit ?? 30).map(toStandupDto),
    'standup.destination': () => toStandupDestinationDto(standups.destination()),
    'consent.show': () => consent.view(),
    'consent.accept': () => consent.accept(),
    'backup.now': () => backups.now(),
    'backup.list': () => backups.list(),
  };
}

/** Validates the input against the contract, runs the handler (awaiting it if it is asynchronous), and wraps the
 * outcome. Never rejects. */
export async function invokeAsync<K extends OperationName>(
  handlers: Handlers,
  name: K,
  input: unknown,
  logger: Logger,
): Promise<Result<OperationOutput<K>>> {
  const parsed = parseInput(name, input);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (input: unknown) => OperationOutput<K> | Promise<OperationOutput<K>>;
    return ok(await handler(parsed.value));
  } catch (error) {
    return failure(name, error, logger);
  }
}

/** The same for synchronous operations (tests, the tick): an asynchronous one is refused. Never throws. */
export function invoke<K extends OperationName>(handlers: Handlers, name: K, input: unknown, logger: Logger): Result<OperationOutput<K>> {
  const parsed = parseInput(name, input);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (input: unknown) => OperationOutput<K> | Promise<OperationOutput<K>>;
    const value = handler(parsed.value);
    if (value instanceof Promise) {
      value.catch(() => undefined);
      return fail('internal', `${name} is asynchronous: use invokeAsync`);
    }
    return ok(value);
  } catch (error) {
    return failure(name, error, logger);
  }
}

function parseInput(name: OperationName, input: unknown): Result<unknown> {
  const parsed = operations[name].input.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return fail('invalid_input', `invalid ${name} request: ${where}${issue?.message ?? 'bad input'}`);
}

function failure<T>(name: OperationName, error: unknown, logger: Logger): Result<T> {
  if (error instanceof DomainError) return fail(error.code, error.message);
  logger.error('operation failed', { operation: name, error: error instanceof Error ? error.message : String(error) });
  return fail('internal', `${name} failed unexpectedly; see the log`);
}

/** The local days from..to (both included; today and `from` by default) as [start, end). */
function daySpan(from: string | undefined, to: string | undefined, now: number): { start: number; end: number } {
  const first = from === undefined ? calendarDateOf(now) : date(from);
  const last = to === undefined ? first : date(to);
  const range = { start: dayRange(first).start, end: dayRange(last).end };
  if (range.end <= range.start) throw new DomainError('invalid_input', '--to must not be before --from');
  return range;
}

function task(text: string): string {
  const parsed = parseTaskRef(text);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.message);
  return parsed.canonical;
}

function instant(text: string, what: string): number {
  const parsed = parseIsoDateTime(text);
  if (!parsed.ok) throw new DomainError('invalid_input', `${what}: ${parsed.message}`);
  return parsed.value;
}

function date(text: string): CalendarDate {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new DomainError('invalid_input', parsed.message);
  return parsed.value;
}
