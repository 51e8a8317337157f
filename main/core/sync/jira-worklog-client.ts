import { z } from 'zod';
import type { HttpClient } from '../ports/http-client';
import type { WorklogPayload } from '../ports/sync';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from './call-outcome';
import { jiraDateTime, worklogComment } from './worklog-rules';

/** Where and as whom: a connection's API base and Authorization header. */
export interface RemoteAccess {
  readonly baseUrl: string;
  readonly authorization: string;
  /** Jira Cloud speaks REST v3 (ADF comments); Data Center v2 (plain comments). Other vendors ignore it. */
  readonly flavour: 'cloud' | 'data-center';
  /** Who we are there (Jira account id, Asana user gid), when known. */
  readonly accountId: string | null;
}

/** One vendor's worklogs (Jira worklogs, Asana time tracking entries), as the sync worker uses them. */
export interface WorklogRemote {
  create(access: RemoteAccess, payload: WorklogPayload, key: string): Promise<CallOutcome>;
  /** `key` lets a vendor without custom properties keep its marker in the text. */
  update(access: RemoteAccess, remoteId: string, payload: WorklogPayload, key?: string): Promise<CallOutcome>;
  remove(access: RemoteAccess, object: string, remoteId: string): Promise<CallOutcome>;
  /** After an unknown outcome: the remote id of the worklog created with `key`, or null when there is none. */
  find(access: RemoteAccess, sent: WorklogPayload, key: string): Promise<CallOutcome>;
}

/** The entity property that marks a worklog as ours: `properties: [{ key: "clockhand", value: { id } }]`. */
export const WORKLOG_PROPERTY_KEY = 'clockhand';

const createdSchema = z.object({ id: z.string().min(1).max(200) });
const worklogPageSchema = z.object({
  startAt: z.number().int().min(0).optional(),
  maxResults: z.number().int().min(0).optional(),
  total: z.number().int().min(0).optional(),
  worklogs: z.array(
    z.object({
      id: z.string().min(1).max(200),
      properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});
const errorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

const FIND_WINDOW_MS = 60_000;
const FIND_PAGE = 1000;
const FIND_MAX_PAGES = 20;

/** Jira worklogs: create with our entity property, update and delete by id, and find ours after an unknown outcome. */
export class JiraWorklogClient implements WorklogRemote {
  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async create(access: RemoteAccess, payload: WorklogPayload, key: string): Promise<CallOutcome> {
    const body = { ...this.fields(access, payload), properties: [{ key: WORKLOG_PROPERTY_KEY, value: { id: key } }] };
    const response = await send(this.http, {
      method: 'POST',
      timeoutMs: this.timeoutMs,
      url: `${this.issueUrl(access, payload.object)}/worklog`,
      headers: this.headers(access, true),
      body: JSON.stringify(body),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 201 && response.status !== 200) return classifyFailure(response, this.now(), describeJiraError);
    const created = createdSchema.safeParse(parseJson(response.body));
    if (!created.success) return { kind: 'bad_response', message: 'Jira answered the new worklog without a usable id' };
    return { kind: 'ok', remoteId: created.data.id };
  }

  async update(access: RemoteAccess, remoteId: string, payload: WorklogPayload): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'PUT',
      timeoutMs: this.timeoutMs,
      url: `${this.issueUrl(access, payload.object)}/worklog/${encodeURIComponent(remoteId)}`,
      headers: this.headers(access, true),
      body: JSON.stringify(this.fields(access, payload)),
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200 && response.status !== 204) return classifyFailure(response, this.now(), describeJiraError);
    return { kind: 'ok', remoteId };
  }

  async remove(access: RemoteAccess, object: string, remoteId: string): Promise<CallOutcome> {
    const response = await send(this.http, {
      method: 'DELETE',
      timeoutMs: this.timeoutMs,
      url: `${this.issueUrl(access, object)}/worklog/${encodeURIComponent(remoteId)}`,
      headers: this.headers(access, false),
    });
    if (isOutcome(response)) return response;
    // Already gone is what we wanted.
    if (response.status === 204 || response.status === 200 || response.status === 404) return { kind: 'ok', remoteId: null };
    return classifyFailure(response, this.now(), describeJiraError);
  }

  /**
   * After an unknown outcome: lists the issue's worklogs started around the sent start (properties expanded) and
   * returns the one carrying our key, or remoteId null when there is none.
   */
  async find(access: RemoteAccess, sent: WorklogPayload, key: string): Promise<CallOutcome> {
    for (let page = 0, startAt = 0; page < FIND_MAX_PAGES; page += 1) {
      const query = [
        `startedAfter=${String(sent.startedAt - FIND_WINDOW_MS)}`,
        `startedBefore=${String(sent.startedAt + FIND_WINDOW_MS)}`,
        'expand=properties',
        `startAt=${String(startAt)}`,
        `maxResults=${String(FIND_PAGE)}`,
      ].join('&');
      const response = await send(this.http, {
        method: 'GET',
        timeoutMs: this.timeoutMs,
        url: `${this.issueUrl(access, sent.object)}/worklog?${query}`,
        headers: this.headers(access, false),
      });
      if (isOutcome(response)) return response;
      if (response.status !== 200) return classifyFailure(response, this.now(), describeJiraError);
      const parsed = worklogPageSchema.safeParse(parseJson(response.body));
      if (!parsed.success) return { kind: 'bad_response', message: 'Jira answered the worklog list with something that is not one' };
      const ours = parsed.data.worklogs.find((worklog) =>
        (worklog.properties ?? []).some((p) => p.key === WORKLOG_PROPERTY_KEY && isOurs(p.value, key)),
      );
      if (ours !== undefined) return { kind: 'ok', remoteId: ours.id };
      startAt += parsed.data.worklogs.length;
      const total = parsed.data.total ?? startAt;
      if (parsed.data.worklogs.length === 0 || startAt >= total) return { kind: 'ok', remoteId: null };
    }
    return { kind: 'bad_response', message: `more than ${String(FIND_PAGE * FIND_MAX_PAGES)} worklogs around that time` };
  }

  private fields(access: RemoteAccess, payload: WorklogPayload): Record<string, unknown> {
    const text = worklogComment(payload.note);
    return {
      started: jiraDateTime(payload.startedAt),
      timeSpentSeconds: payload.minutes * 60,
      comment:
        access.flavour === 'cloud'
          ? { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
          : text,
    };
  }

  private issueUrl(access: RemoteAccess, object: string): string {
    const version = access.flavour === 'cloud' ? '3' : '2';
    return `${access.baseUrl}/rest/api/${version}/issue/${encodeURIComponent(object)}`;
  }

  private headers(access: RemoteAccess, withBody: boolean): Record<string, string> {
    return {
      authorization: access.authorization,
      accept: 'application/json',
      ...(withBody && { 'content-type': 'application/json' }),
    };
  }
}

function isOurs(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && 'id' in value && value.id === key;
}

/** Jira's ErrorCollection as one line: "Issue does not exist; started: invalid". */
export function describeJiraError(body: string): string {
  const parsed = errorCollectionSchema.safeParse(parseJson(body));
  if (!parsed.success) return body.trim() === '' ? 'no details' : 'an answer that is not a Jira error';
  const parts = [...(parsed.data.errorMessages ?? []), ...Object.entries(parsed.data.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
  return parts.length === 0 ? 'no details' : parts.join('; ').slice(0, 500);
}
