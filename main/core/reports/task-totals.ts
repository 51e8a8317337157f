import type { TaskProvider } from '../../../common/task-ref';
import { parseTaskRef } from '../../../common/task-ref';
import type { TimeEntryRecord } from '../ports/repositories';
import { clippedSeconds } from './report-math';

/** The Asana project of a task when the assigned-task cache knows it, else null. */
export type AsanaProjectOf = (taskRef: string) => string | null;

export interface Breakdown {
  readonly byTask: { taskRef: string; seconds: number }[];
  readonly byProject: { provider: TaskProvider; project: string; seconds: number }[];
  readonly byProvider: { provider: TaskProvider; seconds: number }[];
}

/** Where a task belongs: jira:ABC-12 is project ABC; an Asana task its cached project (else "asana"); local: "local". */
export function projectOf(taskRef: string, asanaProject: AsanaProjectOf): { provider: TaskProvider; project: string } {
  const parsed = parseTaskRef(taskRef);
  if (!parsed.ok) return { provider: 'local', project: 'local' };
  const { provider, id } = parsed.ref;
  switch (provider) {
    case 'jira':
      return { provider, project: id.slice(0, id.lastIndexOf('-')) };
    case 'asana':
      return { provider, project: asanaProject(taskRef) ?? 'asana' };
    case 'local':
      return { provider, project: 'local' };
  }
}

/** Seconds within [from, to) by task, by project and by provider; each list sums to the same total. */
export function breakdownOf(
  entries: readonly TimeEntryRecord[],
  from: number,
  to: number,
  now: number,
  asanaProject: AsanaProjectOf,
): Breakdown {
  const byTask = new Map<string, number>();
  for (const entry of entries) {
    const seconds = clippedSeconds(entry, from, to, now);
    if (seconds > 0) byTask.set(entry.taskRef, (byTask.get(entry.taskRef) ?? 0) + seconds);
  }
  const byProject = new Map<string, { provider: TaskProvider; project: string; seconds: number }>();
  const byProvider = new Map<TaskProvider, number>();
  for (const [taskRef, seconds] of byTask) {
    const where = projectOf(taskRef, asanaProject);
    const key = `${where.provider}\u0000${where.project}`;
    const row = byProject.get(key) ?? { ...where, seconds: 0 };
    byProject.set(key, { ...row, seconds: row.seconds + seconds });
    byProvider.set(where.provider, (byProvider.get(where.provider) ?? 0) + seconds);
  }
  return {
    byTask: [...byTask]
      .map(([taskRef, seconds]) => ({ taskRef, seconds }))
      .sort((a, b) => b.seconds - a.seconds || a.taskRef.localeCompare(b.taskRef)),
    byProject: [...byProject.values()].sort(
      (a, b) => b.seconds - a.seconds || a.provider.localeCompare(b.provider) || a.project.localeCompare(b.project),
    ),
    byProvider: [...byProvider]
      .map(([provider, seconds]) => ({ provider, seconds }))
      .sort((a, b) => b.seconds - a.seconds || a.provider.localeCompare(b.provider)),
  };
}
