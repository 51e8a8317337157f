import type { TaskProvider } from '../../../common/task-ref';
import { parseTaskRef } from '../../../common/task-ref';
import type { TimeEntryRecord } from '../ports/repositories';
import { clippedSeconds } from './report-math';
import { jiraProjectOf } from './task-projects';

/** The project name of a task when the assigned-task cache knows it (Jira: the project; Asana: its project), else null. */
export type ProjectNameOf = (taskRef: string) => string | null;

export interface ProjectTotal {
  readonly provider: TaskProvider;
  /** Jira: the project key; Asana: the cached project name, else "asana"; local: "local". */
  readonly project: string;
  /** The project's name when the assigned-task cache knows it, else null. */
  readonly name: string | null;
  readonly seconds: number;
}

export interface Breakdown {
  readonly byTask: { taskRef: string; seconds: number }[];
  readonly byProject: ProjectTotal[];
  readonly byProvider: { provider: TaskProvider; seconds: number }[];
}

type ProjectPlace = Omit<ProjectTotal, 'seconds'>;

/**
 * Where a task belongs: jira:ABC-12 is project ABC (named as the cache names it); an Asana task its cached project
 * (else "asana"); local: "local".
 */
export function projectOf(taskRef: string, projectName: ProjectNameOf): ProjectPlace {
  const parsed = parseTaskRef(taskRef);
  if (!parsed.ok) return { provider: 'local', project: 'local', name: null };
  const { provider, id } = parsed.ref;
  switch (provider) {
    case 'jira':
      return { provider, project: jiraProjectOf(id), name: projectName(taskRef) };
    case 'asana': {
      const name = projectName(taskRef);
      return { provider, project: name ?? 'asana', name };
    }
    case 'local':
      return { provider, project: 'local', name: null };
  }
}

/** Seconds within [from, to) by task, by project and by provider; each list sums to the same total. */
export function breakdownOf(
  entries: readonly TimeEntryRecord[],
  from: number,
  to: number,
  now: number,
  projectName: ProjectNameOf,
): Breakdown {
  const byTask = new Map<string, number>();
  for (const entry of entries) {
    const seconds = clippedSeconds(entry, from, to, now);
    if (seconds > 0) byTask.set(entry.taskRef, (byTask.get(entry.taskRef) ?? 0) + seconds);
  }
  const byProject = new Map<string, ProjectTotal>();
  const byProvider = new Map<TaskProvider, number>();
  for (const [taskRef, seconds] of byTask) {
    const where = projectOf(taskRef, projectName);
    const key = `${where.provider}\u0000${where.project}`;
    const row = byProject.get(key) ?? { ...where, seconds: 0 };
    byProject.set(key, { ...row, name: row.name ?? where.name, seconds: row.seconds + seconds });
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
