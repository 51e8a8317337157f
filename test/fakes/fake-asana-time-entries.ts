import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { specValidator } from './spec-validator';

export interface StoredTimeEntry {
  readonly gid: string;
  readonly task: string;
  duration_minutes: number;
  entered_on: string;
  description: string;
  readonly created_by: { gid: string };
}

export interface FakeAsanaTime {
  readonly baseUrl: string;
  readonly entries: Map<string, StoredTimeEntry>;
  /** Requests that failed the spec or the checks it misses (must stay empty). */
  readonly invalid: string[];
  /** The next requests of a method get this status instead (e.g. 429 with Retry-After), in order. */
  inject(method: string, ...statuses: { status: number; headers?: Record<string, string> }[]): void;
  /** Tasks assigned to the user (incomplete), by workspace gid. */
  readonly assigned: { gid: string; name: string; workspace: string; projects?: string[] }[];
  /** The next create is stored, then the connection is cut. */
  resetNextCreate(): void;
  close(): Promise<void>;
}

/**
 * Asana's time tracking entries (create, list per task with paging, update, delete) on 127.0.0.1, validating requests
 * against the official OpenAPI file, plus what the spec does not require: the `data` envelope, duration_minutes > 0,
 * entered_on as YYYY-MM-DD, a bearer token.
 */
export async function startFakeAsanaTime(token: string, userGid: string): Promise<FakeAsanaTime> {
  const api = await specValidator('asana_oas.yaml');
  const entries = new Map<string, StoredTimeEntry>();
  const assigned: FakeAsanaTime['assigned'] = [];
  const invalid: string[] = [];
  const faults = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  let resetCreate = false;
  let next = 500_000;
  const send = (response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    if (body === undefined) response.writeHead(status, headers).end();
    else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const error = (response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void => {
    send(
      response,
      status,
      { errors: [{ message, help: 'For more information on API status codes, see https://developers.asana.com' }] },
      headers,
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse, text: string): void => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/1\.0/, '');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      error(response, 400, 'Could not parse request data, invalid JSON');
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      error(response, 401, 'Not Authorized');
      return;
    }
    if (method === 'GET' && path === '/users/me') {
      send(response, 200, {
        data: {
          gid: userGid,
          resource_type: 'user',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          workspaces: [...new Set(assigned.map((t) => t.workspace))].map((gid) => ({
            gid,
            resource_type: 'workspace',
            name: `Workspace ${gid}`,
          })),
        },
      });
      return;
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k] = v;
    if (api.matchOperation({ method, path, query, headers }) === undefined) {
      invalid.push(`${method} ${path}: not an Asana API operation`);
      error(response, 404, `no such operation: ${method} ${path}`);
      return;
    }
    const validation = api.validateRequest({ method, path, query, headers, ...(body !== undefined && { body }) });
    if (!validation.valid) {
      const why = (validation.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
      invalid.push(`${method} ${path}: ${why}`);
      error(response, 400, why);
      return;
    }
    const fault = faults.get(method)?.shift();
    if (fault !== undefined) {
      error(response, fault.status, `fault ${String(fault.status)}`, fault.headers);
      return;
    }
    const data = (body as { data?: Record<string, unknown> } | undefined)?.data;
    if ((method === 'POST' || method === 'PUT') && !checkData(data, invalid, `${method} ${path}`)) {
      error(response, 400, 'data: missing or invalid');
      return;
    }
    if (method === 'GET' && path === '/tasks') {
      if (url.searchParams.get('assignee') !== 'me' || url.searchParams.get('workspace') === null) {
        error(response, 400, 'You must specify a project or tag if you do not specify assignee and workspace.');
        return;
      }
      const mine = assigned.filter((t) => t.workspace === url.searchParams.get('workspace'));
      const optFields = (url.searchParams.get('opt_fields') ?? '').split(',');
      const limit = Number(url.searchParams.get('limit') ?? '20');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      const more = offset + limit < mine.length;
      send(response, 200, {
        data: mine.slice(offset, offset + limit).map((t) => ({
          gid: t.gid,
          resource_type: 'task',
          name: t.name,
          resource_subtype: 'default_task',
          // Asana sends only what opt_fields asks for (and gid, resource_type).
          ...(optFields.includes('projects.name') && {
            projects: (t.projects ?? []).map((name, i) => ({ gid: `${t.gid}0${String(i)}`, resource_type: 'project', name })),
          }),
        })),
        next_page: more ? { offset: String(offset + limit), path: '/tasks', uri: 'https://app.asana.com/api/1.0/tasks' } : null,
      });
      return;
    }
    const taskEntries = /^\/tasks\/(\d+)\/time_tracking_entries$/.exec(path);
    const oneEntry = /^\/time_tracking_entries\/(\d+)$/.exec(path);
    if (taskEntries !== null && method === 'POST') {
      const fields = data as { duration_minutes: number; entered_on: string; description?: string };
      next += 1;
      const entry: StoredTimeEntry = {
        gid: String(next),
        task: taskEntries[1] ?? '',
        duration_minutes: fields.duration_minutes,
        entered_on: fields.entered_on,
        description: fields.description ?? '',
        created_by: { gid: userGid },
      };
      entries.set(entry.gid, entry);
      if (resetCreate) {
        resetCreate = false;
        response.socket?.destroy();
        return;
      }
      send(response, 201, { data: { ...entry, resource_type: 'time_tracking_entry' } });
      return;
    }
    if (taskEntries !== null && method === 'GET') {
      const all = [...entries.values()].filter((e) => e.task === taskEntries[1]);
      const limit = Number(url.searchParams.get('limit') ?? '20');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      const page = all.slice(offset, offset + limit);
      const more = offset + limit < all.length;
      send(response, 200, {
        // Compact records: no description.
        data: page.map((e) => ({
          gid: e.gid,
          resource_type: 'time_tracking_entry',
          duration_minutes: e.duration_minutes,
          entered_on: e.entered_on,
          created_by: { gid: e.created_by.gid, resource_type: 'user' },
        })),
        next_page: more ? { offset: String(offset + limit), path: path, uri: `https://app.asana.com/api/1.0${path}` } : null,
      });
      return;
    }
    const existing = oneEntry === null ? undefined : entries.get(oneEntry[1] ?? '');
    if (oneEntry !== null && existing === undefined) {
      error(response, 404, 'time_tracking_entry: Not Found');
      return;
    }
    if (existing !== undefined && method === 'GET') {
      send(response, 200, { data: { ...existing, resource_type: 'time_tracking_entry' } });
      return;
    }
    if (existing !== undefined && method === 'PUT') {
      const fields = data as { duration_minutes: number; entered_on: string; description?: string };
      existing.duration_minutes = fields.duration_minutes;
      existing.entered_on = fields.entered_on;
      existing.description = fields.description ?? existing.description;
      send(response, 200, { data: existing });
      return;
    }
    if (existing !== undefined && method === 'DELETE') {
      entries.delete(existing.gid);
      send(response, 200, { data: {} });
      return;
    }
    error(response, 404, `no fake for ${method} ${path}`);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}/api/1.0`,
    entries,
    assigned,
    invalid,
    inject: (method, ...statuses) => {
      faults.set(method, [...(faults.get(method) ?? []), ...statuses]);
    },
    resetNextCreate: () => {
      resetCreate = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** What the spec leaves out: the envelope, a positive whole duration, a calendar date. */
function checkData(data: Record<string, unknown> | undefined, invalid: string[], where: string): boolean {
  const problem =
    data === undefined
      ? 'no data envelope'
      : typeof data.duration_minutes !== 'number' || !Number.isInteger(data.duration_minutes) || data.duration_minutes <= 0
        ? 'duration_minutes must be a whole number > 0'
        : typeof data.entered_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.entered_on)
          ? 'entered_on must be YYYY-MM-DD'
          : null;
  if (problem !== null) invalid.push(`${where}: ${problem}`);
  return problem === null;
}
