import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { fakeJiraWorklogs, type FakeWorklogs } from '../fakes/fake-jira-worklogs';
import { startFakeTempo, tempoWorklogRoutes } from '../fakes/fake-tempo-server';
import type { FakeServer } from '../fakes/fake-http';
import { drained, startSyncRig, type SyncRig } from '../harness/sync-rig';

const JIRA_TOKEN = 'ATATT-tempo-cache-jira';
const TEMPO_TOKEN = 'tempo-api-token-cache-77';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the Tempo issue-id cache is bounded', () => {
  let jira: FakeJira;
  let jiraWork: FakeWorklogs;
  let tempo: FakeServer;
  let tempoWork: ReturnType<typeof tempoWorklogRoutes>;
  let rig: SyncRig;

  beforeEach(async () => {
    jiraWork = await fakeJiraWorklogs();
    jira = await startFakeJira(
      [{ email: 'ada@example.com', apiToken: JIRA_TOKEN, accountId: '557058:ada', displayName: 'Ada' }],
      {},
      jiraWork.routes,
    );
    tempoWork = tempoWorklogRoutes();
    tempo = await startFakeTempo([TEMPO_TOKEN], tempoWork);
    rig = startSyncRig(jira.baseUrl, { endpoints: { tempo: tempo.baseUrl }, issueIdCacheSize: 2 });
    value(
      await rig.core.invokeAsync('connection.add', {
        provider: 'jira',
        site: 'https://acme.atlassian.net',
        email: 'ada@example.com',
        token: JIRA_TOKEN,
      }),
    );
    value(await rig.core.invokeAsync('connection.add', { provider: 'tempo', token: TEMPO_TOKEN }));
    value(await rig.core.invokeAsync('settings.set', { key: 'integrations.jira.mode', value: 'tempo' }));
  });
  afterEach(async () => {
    await rig.close();
    await jira.close();
    await tempo.close();
    expect(tempoWork.invalid).toEqual([]);
  });

  it('past its cap the least recently used id is forgotten and asked of Jira again; worklogs still post once', async () => {
    const lookups = (key: string): number =>
      jira.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/rest/api/3/issue/${key}?`)).length;
    const add = async (key: string, hour: number): Promise<void> => {
      value(
        await rig.core.invokeAsync('entry.add', {
          taskRef: `jira:${key}`,
          start: `2026-11-24T${String(hour).padStart(2, '0')}:00`,
          end: `2026-11-24T${String(hour).padStart(2, '0')}:30`,
        }),
      );
      await drained(rig.outbox);
    };
    await add('PROJ-1', 8);
    await add('PROJ-1', 9);
    expect(lookups('PROJ-1')).toBe(1);
    await add('PROJ-2', 10);
    await add('PROJ-3', 11);
    await add('PROJ-1', 12);
    expect(lookups('PROJ-1')).toBe(2);
    expect(lookups('PROJ-3')).toBe(1);
    await add('PROJ-3', 13);
    expect(lookups('PROJ-3')).toBe(1);
    expect(tempoWork.worklogs.size).toBe(6);
  });
});
