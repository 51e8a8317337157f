import { z } from 'zod';
import type { OperationNameText } from './operation-names';
import {
  dayReportSchema,
  effectiveSettingDtoSchema,
  policyChangeDtoSchema,
  connectionDtoSchema,
  policyViewSchema,
  entryDtoSchema,
  idleActionSchema,
  idleSpanDtoSchema,
  statusDtoSchema,
  weekReportSchema,
  monthReportSchema,
  exportProgressSchema,
  syncItemDtoSchema,
  syncStateSchema,
  syncViewSchema,
  assignedTasksViewSchema,
  screenshotDtoSchema,
  screenshotStatusSchema,
  standupDtoSchema,
  standupDestinationDtoSchema,
  consentViewSchema,
  backupDtoSchema,
} from './dto';

/**
 * The operations every face of Clockhand exposes (control socket for the CLI, IPC for the window).
 * Inputs are validated at each boundary with these schemas; handlers live in main/core/api.
 * Task references and times are validated again by the core, which owns their meaning.
 */
const isoDateTime = z.string().min(1).max(64);
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const taskRefText = z.string().min(1).max(400);
const noteText = z.string().max(2000);
const entryId = z.number().int().positive();
const settingKeyText = z.string().min(1).max(200);
const urlText = z.string().min(1).max(2048);
/** Tokens cross the control socket once, on their way to the keychain; never echoed back. */
const secretText = z.string().min(1).max(8192);
/** A screenshot's random id (a UUID). */
const screenshotId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a screenshot id');
/** Exactly the shape the core generates (a lowercase UUID): where a decrypted full image is asked for. */
const screenshotUuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a screenshot id (a UUID)');
/** An image as standard base64 (the core's base64OfBytes); the renderer turns only this into a data: URL. */
export const base64Schema = z.base64();
/** Where an export goes: an absolute path, resolved by the CLI. */
/** A user's standup text (one section). */
const standupText = z.string().max(4000);
/** An absolute path on the machine the core runs on: /home/ada/x on macOS and Linux, C:\Users\ada\x or \\server\share\x on Windows. */
export const outPath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\[^\\/])/, 'expected an absolute path');

export const operations = {
  status: { input: z.object({}).strict(), output: statusDtoSchema },
  'timer.start': {
    input: z.object({ taskRef: taskRefText, note: noteText.optional() }).strict(),
    output: entryDtoSchema,
  },
  'timer.stop': { input: z.object({}).strict(), output: entryDtoSchema },
  'entries.list': {
    input: z.object({ from: calendarDay.optional(), to: calendarDay.optional() }).strict(),
    output: z.array(entryDtoSchema),
  },
  'entry.add': {
    input: z.object({ taskRef: taskRefText, start: isoDateTime, end: isoDateTime, note: noteText.optional() }).strict(),
    output: entryDtoSchema,
  },
  'entry.edit': {
    input: z
      .object({
        id: entryId,
        taskRef: taskRefText.optional(),
        start: isoDateTime.optional(),
        end: isoDateTime.optional(),
        note: noteText.nullable().optional(),
      })
      .strict(),
    output: entryDtoSchema,
  },
  'entry.split': {
    input: z.object({ id: entryId, at: isoDateTime }).strict(),
    output: z.tuple([entryDtoSchema, entryDtoSchema]),
  },
  'entry.delete': { input: z.object({ id: entryId }).strict(), output: z.object({ deleted: entryId }) },
  'idle.list': {
    // No range: the spans waiting for a decision. With --from/--to: every idle span in those local days.
    input: z.object({ from: calendarDay.optional(), to: calendarDay.optional() }).strict(),
    output: z.array(idleSpanDtoSchema),
  },
  'idle.resolve': {
    input: z.object({ action: idleActionSchema, taskRef: taskRefText.optional(), id: entryId.optional() }).strict(),
    output: idleSpanDtoSchema,
  },
  'report.day': { input: z.object({ day: calendarDay }).strict(), output: dayReportSchema },
  'report.week': { input: z.object({ day: calendarDay }).strict(), output: weekReportSchema },
  'report.month': {
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') }).strict(),
    output: monthReportSchema,
  },
  'policy.show': { input: z.object({}).strict(), output: policyViewSchema },
  'policy.history': {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(policyChangeDtoSchema),
  },
  'settings.set': { input: z.object({ key: settingKeyText, value: z.unknown() }).strict(), output: effectiveSettingDtoSchema },
  'settings.reset': { input: z.object({ key: settingKeyText }).strict(), output: effectiveSettingDtoSchema },
  'connections.list': { input: z.object({}).strict(), output: z.array(connectionDtoSchema) },
  'connection.add': {
    input: z.discriminatedUnion('provider', [
      z.object({ provider: z.literal('jira'), site: urlText, email: z.email().max(320), token: secretText }).strict(),
      z.object({ provider: z.literal('jira-dc'), baseUrl: urlText, token: secretText }).strict(),
      z.object({ provider: z.literal('tempo'), token: secretText, jiraConnectionId: entryId.optional() }).strict(),
      z.object({ provider: z.literal('asana'), token: secretText }).strict(),
      z.object({ provider: z.literal('teams'), webhookUrl: secretText }).strict(),
    ]),
    output: connectionDtoSchema,
  },
  'connection.oauth.begin': {
    input: z.object({ provider: z.enum(['jira', 'asana', 'slack', 'teams']), site: urlText.optional() }).strict(),
    output: z.object({ flow: z.string().max(100), url: z.string().max(8192), timeoutSeconds: z.number().int().positive() }),
  },
  'connection.oauth.finish': { input: z.object({ flow: z.string().min(1).max(100) }).strict(), output: connectionDtoSchema },
  /** Stops waiting for the browser: the loopback listener closes and a pending finish fails as cancelled. */
  'connection.oauth.cancel': {
    input: z.object({ flow: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'connection.check': { input: z.object({ id: entryId }).strict(), output: connectionDtoSchema },
  'connection.remove': { input: z.object({ id: entryId }).strict(), output: z.object({ removed: entryId }) },
  'sync.list': {
    input: z.object({ limit: z.number().int().min(1).max(10_000).optional(), states: z.array(syncStateSchema).max(5).optional() }).strict(),
    output: syncViewSchema,
  },
  'sync.retry': { input: z.object({ id: entryId }).strict(), output: syncItemDtoSchema },
  'sync.drop': { input: z.object({ id: entryId }).strict(), output: z.object({ dropped: entryId }) },
  /** `day`: release only that day's worklogs (review mode: the user has reviewed that day). */
  'sync.now': { input: z.object({ day: calendarDay.optional() }).strict(), output: syncViewSchema.shape.counts },
  'tasks.list': { input: z.object({ refresh: z.boolean().optional() }).strict(), output: assignedTasksViewSchema },
  'screenshots.enable': { input: z.object({}).strict(), output: screenshotStatusSchema },
  'screenshots.disable': { input: z.object({}).strict(), output: screenshotStatusSchema },
  'screenshots.list': { input: z.object({ day: calendarDay.optional() }).strict(), output: z.array(screenshotDtoSchema) },
  'screenshot.export': {
    input: z.object({ id: screenshotId, out: outPath }).strict(),
    output: z.object({ id: screenshotId, out: z.string(), width: z.number().int(), height: z.number().int() }),
  },
  'screenshot.delete': { input: z.object({ id: screenshotId }).strict(), output: z.object({ deleted: screenshotId }) },
  'screenshot.thumbnail': {
    input: z.object({ id: screenshotId }).strict(),
    output: z.object({ id: screenshotId, width: z.number().int(), height: z.number().int(), pngBase64: base64Schema }),
  },
  /** The full image for the window's viewer, decrypted in memory on demand (never written anywhere). */
  'screenshot.image': {
    input: z.object({ id: screenshotUuid }).strict(),
    output: z.object({ id: screenshotUuid, width: z.number().int(), height: z.number().int(), pngBase64: base64Schema }),
  },
  'data.export': {
    input: z
      .object({ format: z.enum(['csv', 'json', 'archive']), out: outPath, from: calendarDay.optional(), to: calendarDay.optional() })
      .strict(),
    output: z.object({
      path: z.string(),
      entries: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      /** Archive only: the decrypted screenshots it holds. */
      screenshots: z.number().int().nonnegative().optional(),
    }),
  },
  /** The day's standup (default today), recomposed from the tracked data until it is posted. */
  'standup.preview': { input: z.object({ day: calendarDay.optional() }).strict(), output: standupDtoSchema },
  /** Replaces a section with the user's words ('' or null: back to the composed one; blockers: none). */
  'standup.edit': {
    input: z
      .object({
        day: calendarDay.optional(),
        yesterday: standupText.nullable().optional(),
        today: standupText.nullable().optional(),
        blockers: standupText.nullable().optional(),
      })
      .strict(),
    output: standupDtoSchema,
  },
  'standup.post': { input: z.object({ day: calendarDay.optional() }).strict(), output: standupDtoSchema },
  'standup.history': {
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(standupDtoSchema),
  },
  /** Where standups go now and whether one can be posted (the rule standup.post obeys). */
  'standup.destination': { input: z.object({}).strict(), output: standupDestinationDtoSchema },
  /** How far the running export is (the CLI polls it to show progress). */
  'data.exportProgress': { input: z.object({}).strict(), output: exportProgressSchema },
  /** Deletes everything and stops the agent or app once the answer is sent. `confirm` is the CLI's --yes. */
  'data.erase': { input: z.object({ confirm: z.literal(true) }).strict(), output: z.object({ erasing: z.literal(true) }) },
  /** What Clockhand collects and the consent state (the first-run screen, `clockhand consent`). */
  'consent.show': { input: z.object({}).strict(), output: consentViewSchema },
  /** Records the person's consent (with its time and the policy in effect); recording starts. */
  'consent.accept': { input: z.object({}).strict(), output: consentViewSchema },
  /** An encrypted online backup now (the agent also makes one daily). Restore is the CLI's, with no agent running. */
  'backup.now': { input: z.object({}).strict(), output: backupDtoSchema },
  'backup.list': { input: z.object({}).strict(), output: z.array(backupDtoSchema) },
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = z.infer<Operations[K]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

// operation-names.ts (used by the preload) must list exactly these operations: both checks fail to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const operationNamesMatch: Same<OperationName, OperationNameText> = true;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
