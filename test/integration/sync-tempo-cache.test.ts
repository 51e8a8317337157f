import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeJira } from '../fakes/fake-jira-server';
import { drained, type SyncRig } from '../harness/sync-rig';
import { startTempoRig, type TempoRig } from '../harness/tempo-rig';
import { must } from '../fakes/core-harness';

describe('the Tempo issue-id cache is bounded', () => {
  let jira: FakeJira;
  let tempoWork: TempoRig['tempoWork'];
  let rig: SyncRig;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ rig, jira, tempoWork, close } = await startTempoRig({ issueIdCacheSize: 2 }));
  });
  afterEach(async () => {
    await close();
    expect(tempoWork.invalid).toEqual([]);
  });

  it('past its cap the least recently used id is forgotten and asked of Jira again; worklogs still post once', async () => {
    const lookups = (key: string): number =>
      jira.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/rest/api/3/issue/${key}?`)).length;
    const add = async (key: string, hour: number): Promise<void> => {
      must(
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
