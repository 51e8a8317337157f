import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeWorklogs } from '../fakes/fake-jira-worklogs';
import { drained, type SyncRig } from '../harness/sync-rig';
import { startTempoRig, type TempoRig } from '../harness/tempo-rig';
import { must } from '../fakes/core-harness';

describe('Tempo mode: Jira issues are logged in Tempo (numeric issue id, author account id), once', () => {
  let jiraWork: FakeWorklogs;
  let tempoWork: TempoRig['tempoWork'];
  let rig: SyncRig;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ rig, jiraWork, tempoWork, close } = await startTempoRig());
  });
  afterEach(async () => {
    await close();
    expect(tempoWork.invalid).toEqual([]);
    expect(jiraWork.invalid).toEqual([]);
  });

  it('creates, updates and deletes the Tempo worklog; nothing goes to Jira worklogs', async () => {
    const entry = must(
      await rig.core.invokeAsync('entry.add', {
        taskRef: 'jira:PROJ-12',
        start: '2026-11-24T09:30',
        end: '2026-11-24T10:15',
        note: 'Planning',
      }),
    );
    await drained(rig.outbox);
    expect([...tempoWork.worklogs.values()]).toEqual([
      {
        tempoWorklogId: expect.any(Number) as unknown,
        authorAccountId: '557058:ada',
        issueId: 10_012,
        startDate: '2026-11-24',
        startTime: '09:30:00',
        timeSpentSeconds: 45 * 60,
        description: expect.stringMatching(/^Planning \[clockhand:[0-9a-f]{32}-\d+\]$/) as unknown,
      },
    ]);
    expect(jiraWork.worklogs.size).toBe(0);
    const view = must(await rig.core.invokeAsync('sync.list', {}));
    expect(view.items[0]).toMatchObject({ provider: 'tempo', target: 'PROJ-12', state: 'done' });

    must(await rig.core.invokeAsync('entry.edit', { id: entry.id, end: '2026-11-24T10:30' }));
    await drained(rig.outbox);
    expect([...tempoWork.worklogs.values()].map((w) => w.timeSpentSeconds)).toEqual([60 * 60]);
    expect([...tempoWork.worklogs.values()][0]?.description).toContain('[clockhand:');

    must(await rig.core.invokeAsync('entry.delete', { id: entry.id }));
    await drained(rig.outbox);
    expect(tempoWork.worklogs.size).toBe(0);
  });

  it('after a cut connection it finds the worklog by author, day and marker instead of creating a second one', async () => {
    tempoWork.cutNextCreate = true;
    must(await rig.core.invokeAsync('entry.add', { taskRef: 'jira:PROJ-3', start: '2026-11-23T14:00', end: '2026-11-23T14:20' }));
    await drained(rig.outbox);
    expect(tempoWork.worklogs.size).toBe(1);
    const [item] = must(await rig.core.invokeAsync('sync.list', {})).items;
    expect(item).toMatchObject({ state: 'done', remoteId: String([...tempoWork.worklogs.keys()][0]) });
    expect(rig.logs.some((line) => line.includes('adopted a worklog'))).toBe(true);
  });

  it('says so when Tempo mode is on but the Tempo connection is gone, instead of dropping time silently', async () => {
    const tempoConnection = must(await rig.core.invokeAsync('connections.list', {})).find((c) => c.provider === 'tempo');
    expect(must(await rig.core.invokeAsync('sync.list', {})).problems).toEqual([]);
    must(await rig.core.invokeAsync('connection.remove', { id: tempoConnection?.id ?? 0 }));
    expect(must(await rig.core.invokeAsync('sync.list', {})).problems).toEqual([
      'Tempo mode is on (integrations.jira.mode) but there is no Tempo connection for https://acme.atlassian.net: time on Jira issues is not posted. Connect it with: clockhand connect tempo',
    ]);
  });
});
