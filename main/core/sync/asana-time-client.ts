import { z } from 'zod';
import { calendarDateOf, formatCalendarDate } from '../../../common/local-time';
import type { HttpClient } from '../ports/http-client';
import type { WorklogPayload } from '../ports/sync';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from './call-outcome';
import type { RemoteAccess, WorklogRemote } from './jira-worklog-client';
import { worklogComment } from './worklog-rules';

const createdSchema = z.object({ data: z.object({ gid: z.string().min(1).max(200) }) });
const pageSchema = z.object({
  data: z.array(
    z.object({
      gid: z.string().min(1).max(200),
      description: z.string().nullish(),
      entered_on: z.string().nullish(),
      duration_minutes: z.number().nullish(),
      created_by: z.object({ gid: z.string() }).nullish(),
    }),
  ),
  next_page: z.object({ offset: z.string().min(1).max(2000) }).nullish(),
});
const entrySchema = z.object({ data: z.object({ gid: z.string(), description: z.string().nullish() }) });
const errorSchema = z.object({ errors: z.array(z.object({ message: z.string() })) });

const PAGE = 100;
const MAX_PAGES = 20;

/** The marker that makes a time tracking entry ours (Asana entries have no custom properties). */
export function asanaMarker(key: string): string {
  return `[clockhand:${key}]`;
}

/** Asana time tracking entries on a task, in Asana's `data` envelope; the marker in the description finds ours. */
export class AsanaTimeClient implements WorklogRemote {
  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async create(access: RemoteAccess, payload: WorklogPayload, key: string): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'POST',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/tasks/${encodeURIComponent(payload.object)}/time_tracking_entries`,
      headers: this.headers(access, true),
      body: JSON.stringify({ data: this.fields(payload, key) }),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 201 && response.status !== 200) return classifyFailure(response, this.now(), describeAsanaError);
    const created = createdSchema.safeParse(parseJson(response.body));
    if (!created.success) return { kind: 'bad_response', message: 'Asana answered the new time entry without a usable gid' };
    return { kind: 'ok', remoteId: created.data.data.gid };
  }

  async update(access: RemoteAccess, remoteId: string, payload: WorklogPayload, key?: string): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'PUT',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/time_tracking_entries/${encodeURIComponent(remoteId)}`,
      headers: this.headers(access, true),
      body: JSON.stringify({ data: this.fields(payload, key ?? '') }),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, this.now(), describeAsanaError);
    return { kind: 'ok', remoteId };
  }

  async remove(access: RemoteAccess, _object: string, remoteId: string): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'DELETE',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/time_tracking_entries/${encodeURIComponent(remoteId)}`,
      headers: this.headers(access, false),
    });
    if (isOutcome(response)) return response;
    if (response.status === 200 || response.status === 204 || response.status === 404) return { kind: 'ok', remoteId: null };
    return classifyFailure(response, this.now(), describeAsanaError);
  }

  /**
   * Lists the task's entries (compact: no description), and for those on the same day, of the same length and by the
   * same author, reads the full entry to look for our marker.
   */
  async find(access: RemoteAccess, sent: WorklogPayload, key: string): Promise<CallOutcome> {
    const day = formatCalendarDate(calendarDateOf(sent.startedAt));
    let offset: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: string = [`limit=${String(PAGE)}`, ...(offset === null ? [] : [`offset=${encodeURIComponent(offset)}`])].join('&');
      const listed: { kind: 'json'; value: z.infer<typeof pageSchema> } | CallOutcome = await this.getJson(
        access,
        `/tasks/${encodeURIComponent(sent.object)}/time_tracking_entries?${query}`,
        pageSchema,
      );
      if (listed.kind !== 'json') return listed;
      const candidates = listed.value.data.filter(
        (entry) =>
          (entry.entered_on ?? day) === day &&
          (entry.duration_minutes ?? sent.minutes) === sent.minutes &&
          (access.accountId === null || (entry.created_by ?? null) === null || entry.created_by?.gid === access.accountId),
      );
      for (const candidate of candidates) {
        const full = await this.getJson(access, `/time_tracking_entries/${encodeURIComponent(candidate.gid)}`, entrySchema);
        if (full.kind !== 'json') return full;
        if ((full.value.data.description ?? '').includes(asanaMarker(key))) return { kind: 'ok', remoteId: candidate.gid };
      }
      offset = listed.value.next_page?.offset ?? null;
      if (offset === null) return { kind: 'ok', remoteId: null };
    }
    return { kind: 'bad_response', message: `more than ${String(PAGE * MAX_PAGES)} time entries on that task` };
  }

  private async getJson<T>(access: RemoteAccess, path: string, schema: z.ZodType<T>): Promise<{ kind: 'json'; value: T } | CallOutcome> {
    const response = await send(this.http, {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}${path}`,
      headers: this.headers(access, false),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, this.now(), describeAsanaError);
    const parsed = schema.safeParse(parseJson(response.body));
    if (!parsed.success) return { kind: 'bad_response', message: 'Asana answered with something that is not a time entry list' };
    return { kind: 'json', value: parsed.data };
  }

  private fields(payload: WorklogPayload, key: string): Record<string, unknown> {
    const marker = key === '' ? '' : ` ${asanaMarker(key)}`;
    return {
      duration_minutes: payload.minutes,
      entered_on: formatCalendarDate(calendarDateOf(payload.startedAt)),
      description: `${worklogComment(payload.note)}${marker}`,
    };
  }

  private headers(access: RemoteAccess, withBody: boolean): Record<string, string> {
    return { authorization: access.authorization, accept: 'application/json', ...(withBody && { 'content-type': 'application/json' }) };
  }
}

/** Asana's ErrorResponse as one line. */
export function describeAsanaError(body: string): string {
  const parsed = errorSchema.safeParse(parseJson(body));
  if (!parsed.success) return body.trim() === '' ? 'no details' : 'an answer that is not an Asana error';
  return (
    parsed.data.errors
      .map((e) => e.message)
      .join('; ')
      .slice(0, 500) || 'no details'
  );
}
