import { bearerOf, playFault, sendJson, startFakeServer, type FakeRequest, type FakeServer } from './fake-http';

export interface TempoWorklog {
  readonly tempoWorklogId: number;
  readonly authorAccountId: string;
  issueId: number;
  startDate: string;
  startTime: string;
  timeSpentSeconds: number;
  description: string;
}

/** Tempo v4 worklogs: create, list by author and day, update, delete; checks the required fields and formats. */
export function tempoWorklogRoutes(): {
  readonly worklogs: Map<number, TempoWorklog>;
  readonly invalid: string[];
  readonly handle: (request: FakeRequest) => { status: number; body?: unknown } | null;
  /** The next create is stored, then the connection is cut before the answer (an unknown outcome). */
  cutNextCreate: boolean;
} {
  const worklogs = new Map<number, TempoWorklog>();
  const invalid: string[] = [];
  let next = 7_000;
  const check = (body: unknown): TempoWorklog | string => {
    const b = body as Partial<Record<keyof TempoWorklog, unknown>> | null;
    if (b === null || typeof b !== 'object') return 'a JSON body is required';
    if (typeof b.authorAccountId !== 'string' || b.authorAccountId === '') return 'authorAccountId is required';
    if (typeof b.issueId !== 'number' || !Number.isInteger(b.issueId)) return 'issueId must be the numeric Jira issue id';
    if (typeof b.startDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(b.startDate)) return 'startDate must be yyyy-MM-dd';
    if (typeof b.startTime !== 'string' || !/^\d{2}:\d{2}:\d{2}$/.test(b.startTime)) return 'startTime must be HH:mm:ss';
    if (typeof b.timeSpentSeconds !== 'number' || b.timeSpentSeconds < 60) return 'timeSpentSeconds must be at least 60';
    return {
      tempoWorklogId: 0,
      authorAccountId: b.authorAccountId,
      issueId: b.issueId,
      startDate: b.startDate,
      startTime: b.startTime,
      timeSpentSeconds: b.timeSpentSeconds,
      description: typeof b.description === 'string' ? b.description : '',
    };
  };
  const handle = (request: FakeRequest): { status: number; body?: unknown } | null => {
    const one = /^\/4\/worklogs\/(\d+)$/.exec(request.path);
    const byUser = /^\/4\/worklogs\/user\/([^/]+)$/.exec(request.path);
    if (request.method === 'POST' && request.path === '/4/worklogs') {
      const parsed = check(JSON.parse(request.body || 'null'));
      if (typeof parsed === 'string') {
        invalid.push(`POST /4/worklogs: ${parsed}`);
        return { status: 400, body: { errors: [{ message: parsed }] } };
      }
      next += 1;
      const worklog = { ...parsed, tempoWorklogId: next };
      worklogs.set(next, worklog);
      if (routes.cutNextCreate) {
        routes.cutNextCreate = false;
        return { status: CUT };
      }
      return { status: 200, body: { ...worklog, issue: { id: worklog.issueId }, author: { accountId: worklog.authorAccountId } } };
    }
    if (request.method === 'GET' && byUser !== null) {
      const from = request.query.get('from') ?? '';
      const to = request.query.get('to') ?? '';
      const results = [...worklogs.values()].filter(
        (w) => w.authorAccountId === decodeURIComponent(byUser[1] ?? '') && w.startDate >= from && w.startDate <= to,
      );
      return { status: 200, body: { self: request.path, metadata: { count: results.length, offset: 0, limit: 5000 }, results } };
    }
    const existing = one === null ? undefined : worklogs.get(Number(one[1]));
    if (one !== null && existing === undefined) return { status: 404, body: { errors: [{ message: 'Worklog not found' }] } };
    if (existing !== undefined && request.method === 'PUT') {
      const parsed = check(JSON.parse(request.body || 'null'));
      if (typeof parsed === 'string') {
        invalid.push(`PUT /4/worklogs: ${parsed}`);
        return { status: 400, body: { errors: [{ message: parsed }] } };
      }
      Object.assign(existing, { ...parsed, tempoWorklogId: existing.tempoWorklogId });
      return { status: 200, body: existing };
    }
    if (existing !== undefined && request.method === 'DELETE') {
      worklogs.delete(existing.tempoWorklogId);
      return { status: 204 };
    }
    return null;
  };
  const routes = { worklogs, invalid, handle, cutNextCreate: false };
  return routes;
}

/** A status that means: cut the connection instead of answering. */
const CUT = -1;

/** Tempo Cloud REST v4 on 127.0.0.1: Bearer API tokens; GET /4/globalconfiguration as the health check. */
export async function startFakeTempo(
  tokens: readonly string[],
  worklogs?: ReturnType<typeof tempoWorklogRoutes>,
): Promise<FakeServer & { revoke(token: string): void }> {
  const valid = new Set(tokens);
  const server = await startFakeServer((request, response) => {
    const token = bearerOf(request);
    if (playFault(token, response)) return;
    if (!valid.has(token)) {
      sendJson(response, 401, { errors: [{ message: 'Unauthorized' }] });
      return;
    }
    if (request.method === 'GET' && request.path === '/4/globalconfiguration') {
      sendJson(response, 200, { weekStart: 'MONDAY', workingDaysPerWeek: 5, maxHoursPerDayPerUser: 24 });
      return;
    }
    const answer = worklogs?.handle(request) ?? null;
    if (answer?.status === CUT) {
      response.socket?.destroy();
      return;
    }
    if (answer !== null) {
      if (answer.body === undefined) response.writeHead(answer.status).end();
      else sendJson(response, answer.status, answer.body);
      return;
    }
    sendJson(response, 404, { errors: [{ message: `no fake for ${request.method} ${request.path}` }] });
  });
  return { ...server, revoke: (token) => valid.delete(token) };
}
