import { describe, expect, it } from 'vitest';
import type { AssignedTask, AssignedTaskRepository } from '../ports/assigned-tasks';
import { projectNamesOf } from './task-projects';
import { breakdownOf } from './task-totals';

const HOUR = 3_600_000;

/** The cache as the port gives it: only list() is read. */
function cacheOf(tasks: readonly (AssignedTask & { connectionId: number })[]): AssignedTaskRepository {
  const unused = (): never => {
    throw new Error('not used by project names');
  };
  return { list: () => [...tasks], replace: unused, failed: unused, refreshes: unused, forget: unused };
}

describe('project names for reports by project', () => {
  it('names a Jira project from the assigned-task cache, also for its issues no longer assigned; unknown stays null', () => {
    const names = projectNamesOf(
      cacheOf([
        { connectionId: 1, taskRef: 'jira:PROJ-12', title: 'Checkout', status: 'In Progress', project: 'Portal' },
        { connectionId: 1, taskRef: 'jira:OPS-7', title: 'Rotate keys', status: null, project: null },
        { connectionId: 2, taskRef: 'asana:1201', title: 'Landing page', status: null, project: 'Website' },
      ]),
    );
    expect(names('jira:PROJ-12')).toBe('Portal');
    expect(names('jira:PROJ-3')).toBe('Portal'); // done and no longer assigned: named by its project's other issues
    expect(names('jira:OPS-7')).toBeNull();
    expect(names('jira:NEW-1')).toBeNull();
    expect(names('asana:1201')).toBe('Website');
    expect(names('asana:999')).toBeNull(); // Asana has no project key to fall back on
    expect(names('local:Planning')).toBeNull();

    const from = 0;
    const rows = [
      { taskRef: 'jira:PROJ-12', startedAt: 0, endedAt: HOUR },
      { taskRef: 'jira:PROJ-3', startedAt: HOUR, endedAt: 2 * HOUR },
      { taskRef: 'jira:OPS-7', startedAt: 2 * HOUR, endedAt: 2.5 * HOUR },
      { taskRef: 'asana:1201', startedAt: 2.5 * HOUR, endedAt: 3 * HOUR },
    ].map((e, i) => ({ ...e, id: i + 1, note: null, origin: 'manual' as const, checkpointAt: 0, createdAt: 0, updatedAt: 0 }));
    expect(breakdownOf(rows, from, 3 * HOUR, from, names).byProject).toEqual([
      { provider: 'jira', project: 'PROJ', name: 'Portal', seconds: 7200 },
      { provider: 'asana', project: 'Website', name: 'Website', seconds: 1800 },
      { provider: 'jira', project: 'OPS', name: null, seconds: 1800 },
    ]);
  });
});
