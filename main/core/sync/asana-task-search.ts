import { z } from 'zod';
import { MAX_ASSIGNED_TASKS } from './jira-task-search';
import type { AssignedTask } from '../ports/assigned-tasks';
import type { HttpClient } from '../ports/http-client';
import { describeAsanaError } from './asana-time-client';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from './call-outcome';
import type { RemoteAccess } from './jira-worklog-client';

const meSchema = z.object({
  data: z.object({ workspaces: z.array(z.object({ gid: z.string().min(1).max(100), name: z.string().max(400).nullish() })).max(100) }),
});
const pageSchema = z.object({
  data: z.array(
    z.object({
      gid: z.string().regex(/^\d{1,40}$/),
      name: z.string().max(2000).nullish(),
      projects: z
        .array(z.object({ name: z.string().max(400).nullish() }))
        .max(1000)
        .nullish(),
    }),
  ),
  next_page: z.object({ offset: z.string().min(1).max(2000) }).nullish(),
});
const PAGE = 100;
const MAX_PAGES = 5;

/**
 * Incomplete tasks assigned to the user in every workspace: `GET /tasks?assignee=me&workspace=…&completed_since=<now,
 * ISO>` (the documented `now` fails the spec's date-time format), paged by `next_page.offset`, with each task's name
 * and its projects' names (`opt_fields`): a task's project is its first project, none for a task in no project (a
 * workspace is not a project: reports would put every task of it under one "project").
 */
export async function searchAsanaAssigned(
  http: HttpClient,
  access: RemoteAccess,
  now: () => number,
  timeoutMs: number,
): Promise<{ kind: 'tasks'; tasks: AssignedTask[] } | CallOutcome> {
  const get = async <T>(path: string, schema: z.ZodType<T>): Promise<{ kind: 'json'; value: T } | CallOutcome> => {
    const response = await send(http, {
      method: 'GET',
      timeoutMs,
      url: `${access.baseUrl}${path}`,
      headers: { authorization: access.authorization, accept: 'application/json' },
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, now(), describeAsanaError);
    const parsed = schema.safeParse(parseJson(response.body));
    if (!parsed.success) return { kind: 'bad_response', message: `Asana answered ${path.split('?')[0] ?? path} with something unexpected` };
    return { kind: 'json', value: parsed.data };
  };
  const me = await get('/users/me', meSchema);
  if (me.kind !== 'json') return me;
  const since = new Date(now()).toISOString();
  const tasks: AssignedTask[] = [];
  for (const workspace of me.value.data.workspaces) {
    if (tasks.length >= MAX_ASSIGNED_TASKS) break;
    let offset: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: string = [
        'assignee=me',
        `workspace=${encodeURIComponent(workspace.gid)}`,
        `completed_since=${encodeURIComponent(since)}`,
        `limit=${String(PAGE)}`,
        `opt_fields=${encodeURIComponent('name,projects.name')}`,
        ...(offset === null ? [] : [`offset=${encodeURIComponent(offset)}`]),
      ].join('&');
      const listed: { kind: 'json'; value: z.infer<typeof pageSchema> } | CallOutcome = await get(`/tasks?${query}`, pageSchema);
      if (listed.kind !== 'json') return listed;
      for (const task of listed.value.data.slice(0, MAX_ASSIGNED_TASKS - tasks.length)) {
        const project = task.projects?.find((p) => typeof p.name === 'string' && p.name !== '')?.name ?? null;
        tasks.push({ taskRef: `asana:${task.gid}`, title: task.name ?? task.gid, status: null, project });
      }
      offset = listed.value.next_page?.offset ?? null;
      if (offset === null || tasks.length >= MAX_ASSIGNED_TASKS) break;
    }
  }
  return { kind: 'tasks', tasks };
}
