import { parseTaskRef } from '../../../common/task-ref';
import type { AssignedTaskRepository } from '../ports/assigned-tasks';
import type { ProjectNameOf } from './task-totals';

/** The Jira project key of an issue key (ABC-12 -> ABC). */
export function jiraProjectOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}

/**
 * Project names as the assigned-task cache knows them, read once: a cached task's own project, and for a Jira issue no
 * longer cached, the name its project's other cached issues carry.
 */
export function projectNamesOf(tasks: AssignedTaskRepository): ProjectNameOf {
  const byTask = new Map<string, string>();
  const byJiraProject = new Map<string, string>();
  for (const task of tasks.list()) {
    if (task.project === null) continue;
    byTask.set(task.taskRef, task.project);
    const parsed = parseTaskRef(task.taskRef);
    if (parsed.ok && parsed.ref.provider === 'jira') byJiraProject.set(jiraProjectOf(parsed.ref.id), task.project);
  }
  return (taskRef) => {
    const own = byTask.get(taskRef);
    if (own !== undefined) return own;
    const parsed = parseTaskRef(taskRef);
    return parsed.ok && parsed.ref.provider === 'jira' ? (byJiraProject.get(jiraProjectOf(parsed.ref.id)) ?? null) : null;
  };
}
