import { performance } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { specValidator } from './spec-validator';

/** Jira's exact `started` format (the spec only says date-time, which also admits Z and +00:00). */
const STARTED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

export interface StoredWorklog {
  readonly id: string;
  readonly issue: string;
  started: string;
  timeSpentSeconds: number;
  comment: unknown;
  readonly properties: readonly { key: string; value: unknown }[];
}

/** What the next matching request gets instead of the normal answer. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  /** The write happens, then the connection is cut before any answer. */
  | { readonly kind: 'reset-after-commit' }
  /** The write happens; the answer comes after `ms` (past the client's timeout). */
  | { readonly kind: 'slow-after-commit'; readonly ms: number }
  /** The write happens; the answer is 201 with a body that is not JSON. */
  | { readonly kind: 'invalid-json-after-commit' };

export interface FakeWorklogs {
  readonly routes: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Every worklog, by id. */
  readonly worklogs: Map<string, StoredWorklog>;
  /** Requests that failed validation against the spec or the extra checks (must stay empty). */
  readonly invalid: string[];
  /** Count of requests by "METHOD /path-pattern". */
  readonly calls: Map<string, number>;
  /** Faults for the next requests of a method ('POST', 'PUT', 'DELETE', 'GET'), in order. */
  inject(method: string, ...faults: Fault[]): void;
  /** Issues that reject every worklog with a 400 (a poisoned row). */
  readonly poisoned: Set<string>;
  /**
   * Rate limit (0: none): a token bucket like Jira's burst limits, refilled at this many requests a second and holding
   * one second of them; a request that finds it empty gets 429 + Retry-After: 1.
   */
  ratePerSecond: number;
  /** Extra random 429s (0..1), for the bench. */
  random429: number;
  /** Milliseconds added to every answer. */
  latencyMs: number;
  /** What /search/jql finds for "assigned to me, not done" (paged by maxResults with nextPageToken). */
  assigned: { key: string; summary: string; status: string; project: string }[];
}

/**
 * Jira Cloud worklog endpoints (add, update, delete, list with properties) for startFakeJira, validating every request
 * against the official OpenAPI file (openapi-backend) plus the checks the spec misses (the exact `started` pattern,
 * whole minutes, an ADF comment). Faults can be injected per method.
 */
export async function fakeJiraWorklogs(options: { validate?: boolean } = {}): Promise<FakeWorklogs> {
  // Validation costs about 9 ms a request (the spec has 417 paths): the drain benchmark turns it off.
  const validate = options.validate ?? true;
  const api = await specValidator('jira-platform-swagger-v3.v3.json');
  const worklogs = new Map<string, StoredWorklog>();
  const invalid: string[] = [];
  const calls = new Map<string, number>();
  const faults = new Map<string, Fault[]>();
  const poisoned = new Set<string>();
  let nextId = 10_000;
  let bucketTokens = Number.NaN;
  let bucketAt = 0;

  const state: FakeWorklogs = {
    routes: () => false,
    worklogs,
    invalid,
    calls,
    inject: (method, ...more) => {
      faults.set(method, [...(faults.get(method) ?? []), ...more]);
    },
    poisoned,
    ratePerSecond: 0,
    random429: 0,
    latencyMs: 0,
    assigned: [],
  };

  const answer = (response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    const send = (): void => {
      if (response.destroyed) return;
      if (body === undefined) response.writeHead(status, headers).end();
      else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (state.latencyMs > 0) setTimeout(send, state.latencyMs);
    else send();
  };

  const handle = (request: IncomingMessage, response: ServerResponse, text: string): void => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        answer(response, 400, { errorMessages: ['Unexpected character in the JSON body'], errors: {} });
        return;
      }
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const validation = validate
      ? api.validateRequest({ method, path: url.pathname, query, headers: flatHeaders(request), ...(body !== undefined && { body }) })
      : { valid: true, errors: null };
    const pattern = `${method} ${url.pathname.replace(/\/issue\/[^/]+\/worklog/, '/issue/{issueIdOrKey}/worklog').replace(/\/worklog\/[^/]+$/, '/worklog/{id}')}`;
    calls.set(pattern, (calls.get(pattern) ?? 0) + 1);
    if (!validation.valid) {
      const why = (validation.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
      invalid.push(`${pattern}: ${why}`);
      answer(response, 400, { errorMessages: [`invalid request: ${why}`], errors: {} });
      return;
    }
    const extra = extraChecks(method, body);
    if (extra !== null) {
      invalid.push(`${pattern}: ${extra}`);
      answer(response, 400, { errorMessages: [], errors: { worklog: extra } });
      return;
    }
    // Rate limits before anything else happens.
    if (state.ratePerSecond > 0) {
      const now = performance.now();
      bucketTokens = Number.isNaN(bucketTokens)
        ? state.ratePerSecond
        : Math.min(state.ratePerSecond, bucketTokens + ((now - bucketAt) / 1000) * state.ratePerSecond);
      bucketAt = now;
    }
    const overLimit = state.ratePerSecond > 0 && bucketTokens < 1;
    if (!overLimit && state.ratePerSecond > 0) bucketTokens -= 1;
    if (overLimit || Math.random() < state.random429) {
      answer(
        response,
        429,
        { errorMessages: ['Rate limit exceeded.'] },
        {
          'retry-after': '1',
          'ratelimit-reason': 'jira-burst-based',
          'x-ratelimit-reset': new Date(Date.now() + 1000).toISOString().slice(0, 16) + 'Z',
        },
      );
      return;
    }
    const fault = faults.get(method)?.shift();
    if (fault?.kind === 'status') {
      answer(response, fault.status, fault.body ?? { errorMessages: [`fault ${String(fault.status)}`] }, fault.headers);
      return;
    }
    const issueOnly = /^\/rest\/api\/3\/issue\/([A-Z][A-Z0-9_]*-\d+)$/.exec(url.pathname);
    if (issueOnly !== null && method === 'GET') {
      const key = issueOnly[1] ?? '';
      answer(response, 200, {
        id: String(10_000 + (Number(key.split('-')[1]) % 90_000)),
        key,
        self: `https://fake.atlassian.net/rest/api/3/issue/${key}`,
      });
      return;
    }
    if (url.pathname === '/rest/api/3/search/jql') {
      const jql = url.searchParams.get('jql') ?? '';
      if (!/assignee\s*=\s*currentUser\(\)/.test(jql)) {
        answer(response, 400, {
          errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction.'],
          errors: {},
        });
        return;
      }
      const max = Math.min(100, Number(url.searchParams.get('maxResults') ?? '50'));
      const from = Number(url.searchParams.get('nextPageToken') ?? '0');
      const page = state.assigned.slice(from, from + max);
      const last = from + max >= state.assigned.length;
      answer(response, 200, {
        issues: page.map((issue, i) => ({
          id: String(20_000 + from + i),
          key: issue.key,
          fields: { summary: issue.summary, status: { name: issue.status }, project: { name: issue.project } },
        })),
        isLast: last,
        ...(!last && { nextPageToken: String(from + max) }),
      });
      return;
    }
    const parts = url.pathname.split('/'); // ['', 'rest', 'api', '3', 'issue', KEY, 'worklog', ID?]
    const issue = decodeURIComponent(parts[5] ?? '');
    const id = parts[7] === undefined ? undefined : decodeURIComponent(parts[7]);
    if (poisoned.has(issue) && method !== 'GET') {
      answer(response, 400, {
        errorMessages: [`Worklogs cannot be added to ${issue}: time tracking is off for this project.`],
        errors: {},
      });
      return;
    }
    const result = route(method, issue, id, body, url.searchParams);
    if (fault?.kind === 'reset-after-commit') {
      response.socket?.destroy();
      return;
    }
    if (fault?.kind === 'slow-after-commit') {
      setTimeout(() => {
        answer(response, result.status, result.body);
      }, fault.ms);
      return;
    }
    if (fault?.kind === 'invalid-json-after-commit') {
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"id": "12');
      return;
    }
    answer(response, result.status, result.body);
  };

  const route = (
    method: string,
    issue: string,
    id: string | undefined,
    body: unknown,
    query: URLSearchParams,
  ): { status: number; body?: unknown } => {
    if (method === 'POST' && id === undefined) {
      const fields = body as {
        started: string;
        timeSpentSeconds: number;
        comment?: unknown;
        properties?: { key: string; value: unknown }[];
      };
      nextId += 1;
      const worklog: StoredWorklog = {
        id: String(nextId),
        issue,
        started: fields.started,
        timeSpentSeconds: fields.timeSpentSeconds,
        comment: fields.comment,
        properties: fields.properties ?? [],
      };
      worklogs.set(worklog.id, worklog);
      return { status: 201, body: present(worklog, false) };
    }
    if (method === 'GET' && id === undefined) {
      const after = Number(query.get('startedAfter') ?? '-Infinity');
      const before = Number(query.get('startedBefore') ?? 'Infinity');
      const startAt = Number(query.get('startAt') ?? '0');
      const max = Number(query.get('maxResults') ?? '5000');
      const expand = (query.get('expand') ?? '').split(',').includes('properties');
      const matching = [...worklogs.values()].filter((w) => {
        const started = Date.parse(w.started.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        return w.issue === issue && started >= after && started <= before;
      });
      const page = matching.slice(startAt, startAt + max);
      return { status: 200, body: { startAt, maxResults: max, total: matching.length, worklogs: page.map((w) => present(w, expand)) } };
    }
    const existing = id === undefined ? undefined : worklogs.get(id);
    if (existing?.issue !== issue) return { status: 404, body: { errorMessages: ['Worklog does not exist.'], errors: {} } };
    if (method === 'PUT') {
      const fields = body as { started: string; timeSpentSeconds: number; comment?: unknown };
      existing.started = fields.started;
      existing.timeSpentSeconds = fields.timeSpentSeconds;
      existing.comment = fields.comment;
      return { status: 200, body: present(existing, false) };
    }
    if (method === 'DELETE') {
      worklogs.delete(existing.id);
      return { status: 204 };
    }
    return { status: 405, body: { errorMessages: ['Method not allowed'] } };
  };

  const routes = (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = request.url ?? '';
    const ours =
      /^\/rest\/api\/3\/issue\/[^/]+\/worklog(\/[^/?]+)?(\?.*)?$/.test(path) ||
      /^\/rest\/api\/3\/issue\/[^/?]+\?fields=id$/.test(path) ||
      path.startsWith('/rest/api/3/search/jql?');
    if (!ours) return false;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks).toString('utf8'));
    });
    return true;
  };
  return Object.assign(state, { routes });
}

function present(worklog: StoredWorklog, withProperties: boolean): Record<string, unknown> {
  return {
    id: worklog.id,
    issueId: '10001',
    self: `https://fake.atlassian.net/rest/api/3/issue/${worklog.issue}/worklog/${worklog.id}`,
    started: worklog.started,
    timeSpentSeconds: worklog.timeSpentSeconds,
    timeSpent: `${String(Math.round(worklog.timeSpentSeconds / 60))}m`,
    comment: worklog.comment,
    ...(withProperties && { properties: worklog.properties }),
  };
}

/** The checks the spec does not make. */
function extraChecks(method: string, body: unknown): string | null {
  if (method !== 'POST' && method !== 'PUT') return null;
  if (typeof body !== 'object' || body === null) return 'a worklog body is required';
  const fields = body as Record<string, unknown>;
  if (typeof fields.started !== 'string' || !STARTED.test(fields.started)) {
    return `started must look like 2021-01-17T12:34:00.000+0000, got ${JSON.stringify(fields.started)}`;
  }
  const seconds = fields.timeSpentSeconds;
  if (typeof seconds !== 'number' || seconds < 60 || seconds % 60 !== 0)
    return `timeSpentSeconds must be whole minutes, got ${String(seconds)}`;
  const comment = fields.comment as { type?: unknown; version?: unknown; content?: unknown } | undefined;
  if (comment !== undefined && (comment.type !== 'doc' || comment.version !== 1 || !Array.isArray(comment.content))) {
    return 'comment must be an Atlassian Document Format document';
  }
  return null;
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[key] = value;
  return headers;
}
