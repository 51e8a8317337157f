import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drained, startSyncRig } from '../harness/sync-rig';
import { createAxiosHttpClient } from '../../main/adapters/node/axios-http-client';
import { asanaMarker, AsanaTimeClient } from '../../main/core/sync/asana-time-client';
import type { RemoteAccess } from '../../main/core/sync/jira-worklog-client';
import { startFakeAsanaTime, type FakeAsanaTime } from '../fakes/fake-asana-time-entries';

const TOKEN = '2/1204/asana-pat-for-tests';
const USER = '1204000000001';

describe('Asana time tracking entries over real HTTP against a fake that validates the official spec', () => {
  let asana: FakeAsanaTime;
  let access: RemoteAccess;
  const client = new AsanaTimeClient(createAxiosHttpClient(), () => Date.now(), 2_000);
  const payload = { object: '1209000000042', startedAt: new Date(2026, 10, 24, 9, 30).getTime(), minutes: 45, note: 'Spec review' };

  beforeEach(async () => {
    asana = await startFakeAsanaTime(TOKEN, USER);
    access = { baseUrl: asana.baseUrl, authorization: `Bearer ${TOKEN}`, flavour: 'cloud', accountId: USER };
  });
  afterEach(async () => {
    await asana.close();
    expect(asana.invalid).toEqual([]);
  });

  it('creates an entry in the data envelope with the marker, updates it in place and deletes it', async () => {
    const created = await client.create(access, payload, 'abc-1');
    expect(created).toEqual({ kind: 'ok', remoteId: expect.any(String) as unknown });
    const gid = created.kind === 'ok' ? (created.remoteId ?? '') : '';
    expect(asana.entries.get(gid)).toMatchObject({
      task: '1209000000042',
      duration_minutes: 45,
      entered_on: '2026-11-24',
      description: `Spec review ${asanaMarker('abc-1')}`,
    });
    expect(await client.update(access, gid, { ...payload, minutes: 60 }, 'abc-1')).toEqual({ kind: 'ok', remoteId: gid });
    expect(asana.entries.get(gid)?.duration_minutes).toBe(60);
    expect(asana.entries.get(gid)?.description).toContain(asanaMarker('abc-1'));
    expect(await client.remove(access, payload.object, gid)).toEqual({ kind: 'ok', remoteId: null });
    expect(asana.entries.size).toBe(0);
    // Already gone is fine.
    expect(await client.remove(access, payload.object, gid)).toEqual({ kind: 'ok', remoteId: null });
  });

  it('finds its own entry after a lost answer, across pages, and nothing when the create never happened', async () => {
    for (let i = 0; i < 150; i += 1) await client.create(access, { ...payload, minutes: 1 + (i % 5) }, `other-${String(i)}`);
    asana.resetNextCreate();
    const lost = await client.create(access, payload, 'mine-7');
    expect(lost.kind).toBe('transport');
    const found = await client.find(access, payload, 'mine-7');
    const stored = [...asana.entries.values()].find((e) => e.description.includes(asanaMarker('mine-7')));
    expect(found).toEqual({ kind: 'ok', remoteId: stored?.gid });
    expect(await client.find(access, payload, 'never-made')).toEqual({ kind: 'ok', remoteId: null });
  });

  it('turns Asana errors into outcomes: 429 with Retry-After, 400 with its message, 401', async () => {
    asana.inject('POST', { status: 429, headers: { 'retry-after': '30' } }, { status: 400 });
    expect(await client.create(access, payload, 'k')).toMatchObject({ kind: 'throttled', waitMs: 30_000 });
    expect(await client.create(access, payload, 'k')).toEqual({ kind: 'rejected', status: 400, message: 'HTTP 400: fault 400' });
    expect(await client.create({ ...access, authorization: 'Bearer wrong' }, payload, 'k')).toEqual({ kind: 'unauthorized', status: 401 });
  });

  it('end to end: an entry on asana:<gid> becomes one time entry through a PAT connection, and edits follow it', async () => {
    const rig = startSyncRig('http://127.0.0.1:9', { endpoints: { asana: new URL(asana.baseUrl).origin } });
    try {
      const connected = await rig.core.invokeAsync('connection.add', { provider: 'asana', token: TOKEN });
      expect(connected).toMatchObject({ ok: true, value: { provider: 'asana', accountId: USER } });
      const entry = await rig.core.invokeAsync('entry.add', {
        taskRef: 'asana:1209000000042',
        start: '2026-11-24T13:00',
        end: '2026-11-24T13:50',
        note: 'Pairing',
      });
      if (!entry.ok) throw new Error(entry.error.message);
      await drained(rig.outbox);
      expect([...asana.entries.values()]).toEqual([
        {
          gid: expect.any(String) as unknown,
          task: '1209000000042',
          duration_minutes: 50,
          entered_on: '2026-11-24',
          description: expect.stringMatching(/^Pairing \[clockhand:[0-9a-f]{32}-\d+\]$/) as unknown,
          created_by: { gid: USER },
        },
      ]);
      await rig.core.invokeAsync('entry.edit', { id: entry.value.id, end: '2026-11-24T14:05' });
      await drained(rig.outbox);
      expect([...asana.entries.values()].map((e) => e.duration_minutes)).toEqual([65]);
    } finally {
      await rig.close();
    }
  });

  it('lists incomplete Asana tasks assigned to the user in every workspace, across pages', async () => {
    for (let i = 1; i <= 120; i += 1)
      asana.assigned.push({
        gid: String(1_300_000 + i),
        name: `Task ${String(i)}`,
        workspace: i % 4 === 0 ? '77' : '55',
        projects: i % 2 === 0 ? [`Project ${String(i % 3)}`, 'Second project'] : [],
      });
    const rig = startSyncRig('http://127.0.0.1:9', { endpoints: { asana: new URL(asana.baseUrl).origin } });
    try {
      const connected = await rig.core.invokeAsync('connection.add', { provider: 'asana', token: TOKEN });
      expect(connected.ok).toBe(true);
      const view = await rig.core.invokeAsync('tasks.list', { refresh: true });
      if (!view.ok) throw new Error(view.error.message);
      expect(view.value.tasks).toHaveLength(120);
      expect(view.value.tasks).toContainEqual({
        connectionId: 1,
        taskRef: 'asana:1300004',
        title: 'Task 4',
        status: null,
        project: 'Project 1',
      });
      // In no project: none (a workspace is not a project).
      expect(view.value.tasks).toContainEqual({ connectionId: 1, taskRef: 'asana:1300005', title: 'Task 5', status: null, project: null });
      expect(asana.invalid).toEqual([]);
      expect(view.value.sources).toEqual([{ connectionId: 1, refreshedAt: expect.any(String) as unknown, ageSeconds: 0, error: null }]);
    } finally {
      await rig.close();
    }
  });
});
