import type { AssignedTaskRepository } from '../ports/assigned-tasks';

/** Asana tasks whose project the assigned-task cache knows: taskRef -> project name. */
export function asanaProjectsOf(tasks: AssignedTaskRepository): ReadonlyMap<string, string> {
  const projects = new Map<string, string>();
  for (const task of tasks.list()) {
    if (task.taskRef.startsWith('asana:') && task.project !== null) projects.set(task.taskRef, task.project);
  }
  return projects;
}
