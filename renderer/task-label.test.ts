import { describe, expect, it } from 'vitest';
import { pickerOptions } from './components/TaskPicker';
import { taskHue, taskLabel, taskRefFromText } from './task-label';

describe('task labels and the picker', () => {
  const titles = new Map([['jira:PROJ-1', 'Fix the login page']]);
  const assigned = [
    { connectionId: 1, taskRef: 'jira:PROJ-1', title: 'Fix the login page', status: 'In Progress', project: 'Portal' },
    { connectionId: 1, taskRef: 'jira:OPS-7', title: 'Rotate certificates', status: 'To Do', project: 'Ops' },
  ];

  it('shows the title of an assigned issue with its key, and local tasks by name', () => {
    expect(taskLabel('jira:PROJ-1', titles)).toEqual({ title: 'Fix the login page', badge: 'PROJ-1', provider: 'jira' });
    expect(taskLabel('jira:PROJ-2', titles)).toEqual({ title: 'PROJ-2', badge: 'PROJ-2', provider: 'jira' });
    expect(taskLabel('local:Planning', titles)).toEqual({ title: 'Planning', badge: 'Local', provider: 'local' });
    expect(taskLabel('nonsense', titles).provider).toBe('unknown');
  });

  it('gives similar task keys clearly different hues', () => {
    const hues = ['jira:PROJ-1', 'jira:PROJ-2', 'jira:PROJ-3'].map(taskHue);
    for (const hue of hues) expect(hue).toBeGreaterThanOrEqual(0);
    for (const hue of hues) expect(hue).toBeLessThan(360);
    expect(
      Math.min(...hues.flatMap((a, i) => hues.slice(i + 1).map((b) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b))))),
    ).toBeGreaterThan(15);
  });

  it('turns typed text into a reference: keys become Jira, anything else a local task', () => {
    expect(taskRefFromText('PROJ-12')).toBe('jira:PROJ-12');
    expect(taskRefFromText('asana:123')).toBe('asana:123');
    expect(taskRefFromText('  Team lunch ')).toBe('local:Team lunch');
  });

  it('never turns typed text into a reference the core would refuse', () => {
    expect(taskRefFromText('jira:not a key')).toBeNull();
    expect(taskRefFromText('asana:abc')).toBeNull();
    expect(taskRefFromText('x'.repeat(201))).toBeNull();
    expect(pickerOptions('jira:not a key', [], [], new Map())).toEqual([]);
  });

  it('searches assigned tasks by key, title and project, then recent ones, then offers the text itself', () => {
    expect(pickerOptions('cert', assigned, [], titles).map((o) => [o.taskRef, o.group])).toEqual([
      ['jira:OPS-7', 'Assigned to you'],
      ['local:cert', 'New'],
    ]);
    expect(pickerOptions('portal', assigned, [], titles).map((o) => o.taskRef)).toEqual(['jira:PROJ-1', 'local:portal']);
    const empty = pickerOptions('', assigned, ['local:Planning', 'jira:PROJ-1'], titles);
    expect(empty.map((o) => [o.taskRef, o.group])).toEqual([
      ['jira:PROJ-1', 'Assigned to you'],
      ['jira:OPS-7', 'Assigned to you'],
      ['local:Planning', 'Recent'],
    ]);
    expect(pickerOptions('PROJ-1', assigned, [], titles).filter((o) => o.group === 'New')).toEqual([]);
  });
});
