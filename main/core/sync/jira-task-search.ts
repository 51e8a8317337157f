import { z } from 'zod';
import type { AssignedTask } from '../ports/assigned-tasks';
import type { HttpClient } from '../ports/http-client';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from './call-outcome';
import { describeJiraError, type RemoteAccess } from './jira-worklog-client';

/** Bounded: assigned to me, not done, most recently updated first. */
export const ASSIGNED_JQL = 'assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC';
const PAGE_SIZE = 100;
/** At most this many pages (500 issues): a list longer than that is not a to-do list. */
const MAX_PAGES = 5;
/** The assigned-task cache holds at most this many per connection, whatever a server sends in a page. */
export const MAX_ASSIGNED_TASKS = 500;

const pageSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string().min(1).max(300),
      fields: z
        .object({
          summary: z.string().max(2000).nullish(),
          status: z.object({ name: z.string().max(200) }).nullish(),
          project: z.object({ name: z.string().max(400) }).nullish(),
        })
        .nullish(),
    }),
  ),
  nextPageToken: z.string().min(1).max(10_000).nullish(),
  isLast: z.boolean().nullish(),
});

/** The issues assigned to the user, via /search/jql, following nextPageToken until isLast. */
export async function searchAssignedIssues(
  http: HttpClient,
  access: RemoteAccess,
  now: () => number,
  timeoutMs: number,
): Promise<{ kind: 'tasks'; tasks: AssignedTask[] } | CallOutcome> {
  const tasks: AssignedTask[] = [];
  let token: string | null = null;
  const version = access.flavour === 'cloud' ? '3' : '2';
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = [
      `jql=${encodeURIComponent(ASSIGNED_JQL)}`,
      `fields=${encodeURIComponent('summary,status,project')}`,
      `maxResults=${String(PAGE_SIZE)}`,
      ...(token === null ? [] : [`nextPageToken=${encodeURIComponent(token)}`]),
    ].join('&');
    // Data Center has no /search/jql; its /search pages by startAt.
    const path =
      access.flavour === 'cloud'
        ? `/rest/api/3/search/jql?${query}`
        : `/rest/api/${version}/search?${query}&startAt=${String(tasks.length)}`;
    const response = await send(http, {
      method: 'GET',
      url: `${access.baseUrl}${path}`,
      headers: { authorization: access.authorization, accept: 'application/json' },
      timeoutMs,
    });
    if (isOutcome(response)) return response;
    if (response.status !== 200) return classifyFailure(response, now(), describeJiraError);
    const parsed = pageSchema.safeParse(parseJson(response.body));
    if (!parsed.success) return { kind: 'bad_response', message: 'Jira answered the issue search with something that is not one' };
    for (const issue of parsed.data.issues.slice(0, MAX_ASSIGNED_TASKS - tasks.length)) {
      tasks.push({
        taskRef: `jira:${issue.key}`,
        title: issue.fields?.summary ?? issue.key,
        status: issue.fields?.status?.name ?? null,
        project: issue.fields?.project?.name ?? null,
      });
    }
    token = parsed.data.nextPageToken ?? null;
    const last = parsed.data.isLast === true || token === null || parsed.data.issues.length === 0;
    if (tasks.length >= MAX_ASSIGNED_TASKS) break;
    if (access.flavour === 'cloud' ? last : parsed.data.issues.length < PAGE_SIZE) break;
  }
  return { kind: 'tasks', tasks };
}
