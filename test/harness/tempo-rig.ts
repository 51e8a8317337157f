import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { fakeJiraWorklogs, type FakeWorklogs } from '../fakes/fake-jira-worklogs';
import type { FakeServer } from '../fakes/fake-http';
import { startFakeTempo, tempoWorklogRoutes } from '../fakes/fake-tempo-server';
import { startSyncRig, type SyncRig } from './sync-rig';

const JIRA_TOKEN = 'ATATT-tempo-mode-jira';
const TEMPO_TOKEN = 'tempo-api-token-5521';

export interface TempoRig {
  readonly rig: SyncRig;
  readonly jira: FakeJira;
  readonly jiraWork: FakeWorklogs;
  readonly tempo: FakeServer;
  readonly tempoWork: ReturnType<typeof tempoWorklogRoutes>;
  readonly close: () => Promise<void>;
}

/**
 * Fake Jira (worklog routes) and fake Tempo over loopback, the sync rig with a Jira Cloud and a Tempo connection,
 * and `integrations.jira.mode` set to tempo: Jira issues are logged in Tempo.
 */
export async function startTempoRig(options: { issueIdCacheSize?: number } = {}): Promise<TempoRig> {
  const jiraWork = await fakeJiraWorklogs();
  const jira = await startFakeJira(
    [{ email: 'ada@example.com', apiToken: JIRA_TOKEN, accountId: '557058:ada', displayName: 'Ada' }],
    {},
    jiraWork.routes,
  );
  const tempoWork = tempoWorklogRoutes();
  const tempo = await startFakeTempo([TEMPO_TOKEN], tempoWork);
  const rig = startSyncRig(jira.baseUrl, { endpoints: { tempo: tempo.baseUrl }, ...options });
  const close = async (): Promise<void> => {
    await rig.close();
    await jira.close();
    await tempo.close();
  };
  try {
    const steps = [
      await rig.core.invokeAsync('connection.add', {
        provider: 'jira',
        site: 'https://acme.atlassian.net',
        email: 'ada@example.com',
        token: JIRA_TOKEN,
      }),
      await rig.core.invokeAsync('connection.add', { provider: 'tempo', token: TEMPO_TOKEN }),
      await rig.core.invokeAsync('settings.set', { key: 'integrations.jira.mode', value: 'tempo' }),
    ];
    for (const step of steps) if (!step.ok) throw new Error(`${step.error.code}: ${step.error.message}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { rig, jira, jiraWork, tempo, tempoWork, close };
}
