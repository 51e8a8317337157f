import { describe, expect, it } from 'vitest';
import { totalsByProject, totalsByProvider } from './report-groups';

const byTask = [
  { taskRef: 'jira:PROJ-1', seconds: 3600 },
  { taskRef: 'jira:OPS-2', seconds: 1800 },
  { taskRef: 'local:Planning', seconds: 600 },
  { taskRef: 'asana:1234', seconds: 2400 },
];

describe('report groups', () => {
  it('sums tasks per provider, largest first', () => {
    expect(totalsByProvider(byTask)).toEqual([
      { label: 'Jira', seconds: 5400 },
      { label: 'Asana', seconds: 2400 },
      { label: 'Local tasks', seconds: 600 },
    ]);
  });

  it('sums tasks per project of the assigned tasks, the rest under "No project"', () => {
    const projects = new Map([
      ['jira:PROJ-1', 'Portal'],
      ['asana:1234', 'Portal'],
      ['jira:OPS-2', 'Ops'],
    ]);
    expect(totalsByProject(byTask, projects)).toEqual([
      { label: 'Portal', seconds: 6000 },
      { label: 'Ops', seconds: 1800 },
      { label: 'No project', seconds: 600 },
    ]);
  });
});
