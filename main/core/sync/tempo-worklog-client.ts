import { z } from 'zod';
import { calendarDateOf, formatCalendarDate } from '../../../common/local-time';
import type { HttpClient } from '../ports/http-client';
import type { WorklogPayload } from '../ports/sync';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from './call-outcome';
import type { RemoteAccess, WorklogRemote } from './jira-worklog-client';
import { worklogComment } from './worklog-rules';

/** Turns a Jira issue key into the numeric id Tempo v4 wants (through the linked Jira connection). */
export type IssueIdLookup = (access: RemoteAccess, key: string) => Promise<{ readonly kind: 'id'; readonly id: number } | CallOutcome>;

const createdSchema = z.object({ tempoWorklogId: z.union([z.number().int(), z.string().min(1)]) });
const pageSchema = z.object({
  metadata: z.object({ next: z.string().nullish() }).nullish(),
  results: z.array(
    z.object({
      tempoWorklogId: z.union([z.number().int(), z.string().min(1)]),
      description: z.string().nullish(),
      issue: z.object({ id: z.union([z.number(), z.string()]) }).nullish(),
    }),
  ),
});
const errorSchema = z.object({ errors: z.array(z.object({ message: z.string() })) });
const PAGE = 1000;
const MAX_PAGES = 10;

export function tempoMarker(key: string): string {
  return `[clockhand:${key}]`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Tempo Cloud v4 worklogs: numeric issue id, author account id, a marker in the description to find ours. */
export class TempoWorklogClient implements WorklogRemote {
  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly timeoutMs: number,
    private readonly issueIds: IssueIdLookup,
  ) {}

  async create(access: RemoteAccess, payload: WorklogPayload, key: string): Promise<CallOutcome> {
    const body = await this.body(access, payload, key);
    if (body.kind !== 'body') return body;
    const response = await send(this.http, {
      method: 'POST',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/worklogs`,
      headers: headers(access, true),
      body: JSON.stringify(body.value),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200 && response.status !== 201) return classifyFailure(response, this.now(), describeTempoError);
    const created = createdSchema.safeParse(parseJson(response.body));
    if (!created.success) return { kind: 'bad_response', message: 'Tempo answered the new worklog without a tempoWorklogId' };
    return { kind: 'ok', remoteId: String(created.data.tempoWorklogId) };
  }

  async update(access: RemoteAccess, remoteId: string, payload: WorklogPayload, key?: string): Promise<CallOutcome> {
    const body = await this.body(access, payload, key ?? '');
    if (body.kind !== 'body') return body;
    const response = await send(this.http, {
      method: 'PUT',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/worklogs/${encodeURIComponent(remoteId)}`,
      headers: headers(access, true),
      body: JSON.stringify(body.value),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, this.now(), describeTempoError);
    return { kind: 'ok', remoteId };
  }

  async remove(access: RemoteAccess, _object: string, remoteId: string): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'DELETE',
      timeoutMs: this.timeoutMs,
      url: `${access.baseUrl}/worklogs/${encodeURIComponent(remoteId)}`,
      headers: headers(access, false),
    });
    if (isOutcome(response)) return response;
    if (response.status === 204 || response.status === 200 || response.status === 404) return { kind: 'ok', remoteId: null };
    return classifyFailure(response, this.now(), describeTempoError);
  }

  /** Searches the author's worklogs on the day of the sent start for our marker. */
  async find(access: RemoteAccess, sent: WorklogPayload, key: string): Promise<CallOutcome> {
    if (access.accountId === null) return { kind: 'rejected', status: 0, message: 'the Tempo connection has no Jira account id' };
    const day = formatCalendarDate(calendarDateOf(sent.startedAt));
    let url: string | null =
      `${access.baseUrl}/worklogs/user/${encodeURIComponent(access.accountId)}?from=${day}&to=${day}&offset=0&limit=${String(PAGE)}`;
    for (let page = 0; page < MAX_PAGES && url !== null; page += 1) {
      const response = await send(this.http, { method: 'GET', timeoutMs: this.timeoutMs, url, headers: headers(access, false) });
      if (isOutcome(response)) return response;
      if (response.status !== 200) return classifyFailure(response, this.now(), describeTempoError);
      const parsed = pageSchema.safeParse(parseJson(response.body));
      if (!parsed.success) return { kind: 'bad_response', message: 'Tempo answered the worklog search with something that is not one' };
      const ours = parsed.data.results.find((w) => (w.description ?? '').includes(tempoMarker(key)));
      if (ours !== undefined) return { kind: 'ok', remoteId: String(ours.tempoWorklogId) };
      const next = parsed.data.metadata?.next ?? null;
      // Only follow `next` on the same host: a token must not go elsewhere.
      url = next !== null && next.startsWith(access.baseUrl) ? next : null;
    }
    return { kind: 'ok', remoteId: null };
  }

  private async body(
    access: RemoteAccess,
    payload: WorklogPayload,
    key: string,
  ): Promise<{ kind: 'body'; value: Record<string, unknown> } | CallOutcome> {
    if (access.accountId === null) return { kind: 'rejected', status: 0, message: 'the Tempo connection has no Jira account id' };
    const issue = await this.issueIds(access, payload.object);
    if (issue.kind !== 'id') return issue;
    const start = new Date(payload.startedAt);
    const marker = key === '' ? '' : ` ${tempoMarker(key)}`;
    return {
      kind: 'body',
      value: {
        authorAccountId: access.accountId,
        issueId: issue.id,
        startDate: formatCalendarDate(calendarDateOf(payload.startedAt)),
        startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}:${pad(start.getSeconds())}`,
        timeSpentSeconds: payload.minutes * 60,
        description: `${worklogComment(payload.note)}${marker}`,
      },
    };
  }
}

function headers(access: RemoteAccess, withBody: boolean): Record<string, string> {
  return { authorization: access.authorization, accept: 'application/json', ...(withBody && { 'content-type': 'application/json' }) };
}

export function describeTempoError(body: string): string {
  const parsed = errorSchema.safeParse(parseJson(body));
  if (!parsed.success) return body.trim() === '' ? 'no details' : 'an answer that is not a Tempo error';
  return (
    parsed.data.errors
      .map((e) => e.message)
      .join('; ')
      .slice(0, 500) || 'no details'
  );
}
