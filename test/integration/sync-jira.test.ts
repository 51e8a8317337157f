import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { fakeJiraWorklogs, type FakeWorklogs } from '../fakes/fake-jira-worklogs';
import { drained as drainedOutbox, startSyncRig, type SyncRig } from '../harness/sync-rig';
import { must } from '../fakes/core-harness';

const TOKEN = 'ATATT-sync-test-token';
const HOUR = 3_600_000;

/** Local ISO text for "n hours ago", on a whole minute. */
function hoursAgo(n: number, plusMinutes = 0): string {
  const at = new Date(Math.floor((Date.now() - n * HOUR) / 60_000) * 60_000 + plusMinutes * 60_000);
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

describe('the sync queue against a fake Jira that validates requests against the official spec', () => {
  let jira: FakeJira;
  let fake: FakeWorklogs;
  let rig: SyncRig;

  const start = async (options: { timeoutMs?: number } = {}): Promise<void> => {
    rig = startSyncRig(jira.baseUrl, options);
    must(
      await rig.core.invokeAsync('connection.add', {
        provider: 'jira',
        site: 'https://acme.atlassian.net',
        email: 'ada@example.com',
        token: TOKEN,
      }),
    );
  };
  const add = async (key: string, hoursBack: number, minutes: number, note?: string): Promise<number> =>
    must(
      await rig.core.invokeAsync('entry.add', {
        taskRef: `jira:${key}`,
        start: hoursAgo(hoursBack),
        end: hoursAgo(hoursBack, minutes),
        ...(note !== undefined && { note }),
      }),
    ).id;
  const drained = (timeout?: number): Promise<void> => drainedOutbox(rig.outbox, timeout);
  const ours = (): string[] => [...fake.worklogs.values()].map((w) => JSON.stringify(w.properties));

  beforeEach(async () => {
    fake = await fakeJiraWorklogs();
    jira = await startFakeJira(
      [{ email: 'ada@example.com', apiToken: TOKEN, accountId: '557058:ada', displayName: 'Ada' }],
      {},
      fake.routes,
    );
  });
  afterEach(async () => {
    await rig.close();
    await jira.close();
    expect(fake.invalid).toEqual([]);
  });

  it('posts a stopped entry once, in Jira format, then edits and deletes the same worklog', async () => {
    await start();
    const id = await add('PROJ-1', 3, 25, 'Reviewed the spec');
    await drained();
    expect(fake.worklogs.size).toBe(1);
    const [worklog] = [...fake.worklogs.values()];
    expect(worklog?.started).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000[+-]\d{4}$/);
    expect(worklog?.timeSpentSeconds).toBe(25 * 60);
    expect(JSON.stringify(worklog?.comment)).toContain('Reviewed the spec');
    expect(worklog?.properties).toEqual([{ key: 'clockhand', value: { id: expect.stringMatching(/^[0-9a-f]{32}-\d+$/) as unknown } }]);
    const item = must(await rig.core.invokeAsync('sync.list', {})).items[0];
    expect(item).toMatchObject({ entryId: id, state: 'done', operation: 'update', remoteId: worklog?.id, target: 'PROJ-1', attempts: 0 });
    const listed = must(await rig.core.invokeAsync('entries.list', { from: hoursAgo(3).slice(0, 10), to: hoursAgo(0).slice(0, 10) }));
    expect(listed.find((e) => e.id === id)?.sync).toEqual([
      { itemId: item?.id, provider: 'jira', target: 'PROJ-1', state: 'done', operation: 'update' },
    ]);

    must(await rig.core.invokeAsync('entry.edit', { id, end: hoursAgo(3, 40) }));
    await drained();
    expect(fake.worklogs.size).toBe(1);
    expect(fake.worklogs.get(worklog?.id ?? '')?.timeSpentSeconds).toBe(40 * 60);
    expect(fake.calls.get('PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}')).toBe(1);

    // Moving the entry to another issue deletes the old worklog and creates one there.
    must(await rig.core.invokeAsync('entry.edit', { id, taskRef: 'jira:PROJ-2' }));
    await drained();
    expect([...fake.worklogs.values()].map((w) => w.issue)).toEqual(['PROJ-2']);

    must(await rig.core.invokeAsync('entry.delete', { id }));
    await drained();
    expect(fake.worklogs.size).toBe(0);
    expect(fake.calls.get('POST /rest/api/3/issue/{issueIdOrKey}/worklog')).toBe(2);
  });

  it('never duplicates when the outcome is unknown: reset after commit, answer past the timeout, broken JSON', async () => {
    await start({ timeoutMs: 1_000 });
    fake.inject('POST', { kind: 'reset-after-commit' }, { kind: 'slow-after-commit', ms: 1_500 }, { kind: 'invalid-json-after-commit' });
    await add('PROJ-1', 5, 30);
    await add('PROJ-2', 4, 30);
    await add('PROJ-3', 3, 30);
    await drained(30_000);
    expect(fake.worklogs.size).toBe(3);
    expect(new Set(ours()).size).toBe(3);
    expect(fake.calls.get('POST /rest/api/3/issue/{issueIdOrKey}/worklog')).toBe(3);
    expect(fake.calls.get('GET /rest/api/3/issue/{issueIdOrKey}/worklog')).toBe(3);
    const items = must(await rig.core.invokeAsync('sync.list', {})).items;
    expect(items.every((i) => i.state === 'done' && i.remoteId !== null)).toBe(true);
    expect(rig.logs.filter((l) => l.includes('adopted a worklog'))).toHaveLength(3);
  });

  it('waits out 429 Retry-After and retries 5xx, sending each worklog once', async () => {
    await start();
    fake.inject(
      'POST',
      { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { errorMessages: ['Rate limit exceeded.'] } },
      { kind: 'status', status: 503, body: { errorMessages: ['Service unavailable'] } },
      { kind: 'status', status: 500 },
    );
    const began = Date.now();
    await add('PROJ-1', 5, 15);
    await drained(30_000);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_000);
    expect(fake.worklogs.size).toBe(1);
    // 503 and 500 may have written: each is followed by a look-up before the next create.
    expect(fake.calls.get('GET /rest/api/3/issue/{issueIdOrKey}/worklog')).toBe(2);
  });

  it('a per-issue write limit holds back that issue only; the others keep posting', async () => {
    await start();
    fake.inject('POST', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '4', 'ratelimit-reason': 'jira-per-issue-on-write' },
      body: { errorMessages: ['Too many writes to this issue.'] },
    });
    await add('BUSY-1', 6, 10);
    await add('CALM-1', 5, 10);
    await add('CALM-2', 4, 10);
    await vi.waitFor(
      () => {
        expect([...fake.worklogs.values()].map((w) => w.issue).sort()).toEqual(['CALM-1', 'CALM-2']);
      },
      { timeout: 3_000, interval: 50 },
    );
    const busy = must(await rig.core.invokeAsync('sync.list', {})).items.find((i) => i.target === 'BUSY-1');
    expect(busy).toMatchObject({ state: 'pending', lastError: 'HTTP 429: Too many writes to this issue.' });
    await drained();
    expect(fake.worklogs.size).toBe(3);
  });

  it('review mode holds worklogs until the user releases a reviewed day (or all of them)', async () => {
    await start();
    must(await rig.core.invokeAsync('settings.set', { key: 'sync.postMode', value: 'review' }));
    await add('REV-1', 30, 15);
    await add('REV-2', 3, 15);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fake.worklogs.size).toBe(0);
    expect(rig.outbox.counts().pending).toBe(2);
    const today = must(await rig.core.invokeAsync('entries.list', { from: hoursAgo(3).slice(0, 10) })).find(
      (e) => e.taskRef === 'jira:REV-2',
    );
    must(await rig.core.invokeAsync('sync.now', { day: today?.startedAt.slice(0, 10) ?? '' }));
    await vi.waitFor(
      () => {
        expect([...fake.worklogs.values()].map((w) => w.issue)).toEqual(['REV-2']);
      },
      { timeout: 5_000, interval: 50 },
    );
    must(await rig.core.invokeAsync('sync.now', {}));
    await drained();
    expect(fake.worklogs.size).toBe(2);
  });

  it('a poisoned row waits in needs_attention with the vendor message while the others sync', async () => {
    await start();
    fake.poisoned.add('LOCKED-9');
    await add('PROJ-1', 6, 10);
    const bad = await add('LOCKED-9', 5, 10);
    await add('PROJ-2', 4, 10);
    await drained();
    expect(fake.worklogs.size).toBe(2);
    const view = must(await rig.core.invokeAsync('sync.list', {}));
    const poisoned = view.items.find((i) => i.entryId === bad);
    expect(poisoned).toMatchObject({ state: 'needs_attention', operation: 'create' });
    expect(poisoned?.lastError).toBe('HTTP 400: Worklogs cannot be added to LOCKED-9: time tracking is off for this project.');
    expect(view.counts).toMatchObject({ done: 2, needs_attention: 1 });

    // Fixed on the Jira side: a retry goes through.
    fake.poisoned.delete('LOCKED-9');
    must(await rig.core.invokeAsync('sync.retry', { id: poisoned?.id ?? 0 }));
    await drained();
    expect(fake.worklogs.size).toBe(3);
  });

  it('a 401 marks the connection needs_reauth and pauses its rows; nothing retries forever', async () => {
    await start();
    jira.revoke(TOKEN);
    const unauthorized = { kind: 'status', status: 401, body: { errorMessages: ['Unauthorized'] } } as const;
    fake.inject('POST', unauthorized, unauthorized);
    await add('PROJ-1', 6, 10);
    await add('PROJ-2', 5, 10);
    await vi.waitFor(
      () => {
        expect(rig.outbox.counts()).toMatchObject({ needs_reauth: 2, pending: 0, in_flight: 0 });
      },
      { timeout: 5_000, interval: 50 },
    );
    const posts = fake.calls.get('POST /rest/api/3/issue/{issueIdOrKey}/worklog');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(fake.calls.get('POST /rest/api/3/issue/{issueIdOrKey}/worklog')).toBe(posts);
    const [connection] = must(await rig.core.invokeAsync('connections.list', {}));
    expect(connection?.state).toBe('needs_reauth');
  });

  it('keeps a week of tracking while Jira is unreachable and drains it in order per issue when it is back, without a restart', async () => {
    await start();
    await jira.goOffline();
    let added = 0;
    for (let day = 6; day >= 0; day -= 1) {
      for (let slot = 0; slot < 6; slot += 1) {
        await add(slot % 2 === 0 ? 'PROJ-1' : 'PROJ-2', day * 24 + 8 - slot, 20, `day ${String(day)} slot ${String(slot)}`);
        added += 1;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(rig.outbox.counts().pending).toBe(added);
    const errors = must(await rig.core.invokeAsync('sync.list', {})).items.map((i) => i.lastError);
    expect(errors).toContain('unreachable: ECONNREFUSED');
    await jira.comeBack();
    await drained(30_000);
    expect(fake.worklogs.size).toBe(added);
    for (const issue of ['PROJ-1', 'PROJ-2']) {
      const created = [...fake.worklogs.values()].filter((w) => w.issue === issue);
      // Worklog ids grow with creation: creation order per issue is the order of the entries.
      const started = created
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((w) => Date.parse(w.started.replace(/(\d{2})(\d{2})$/, '$1:$2')));
      expect(started).toEqual([...started].sort((a, b) => a - b));
    }
  });

  it('lists assigned issues across pages (nextPageToken until isLast), cached with their age, and kept while Jira is away', async () => {
    await start();
    for (let i = 1; i <= 130; i += 1)
      fake.assigned.push({ key: `WORK-${String(i)}`, summary: `Task ${String(i)}`, status: 'In Progress', project: 'Work' });
    const fresh = must(await rig.core.invokeAsync('tasks.list', { refresh: true }));
    expect(fresh.tasks).toHaveLength(130);
    expect(fresh.tasks[0]).toEqual({ connectionId: 1, taskRef: 'jira:WORK-1', title: 'Task 1', status: 'In Progress', project: 'Work' });
    expect(fresh.sources).toEqual([{ connectionId: 1, refreshedAt: expect.any(String) as unknown, ageSeconds: 0, error: null }]);
    expect(fake.calls.get('GET /rest/api/3/search/jql')).toBe(2);

    await jira.goOffline();
    const offline = must(await rig.core.invokeAsync('tasks.list', { refresh: true }));
    expect(offline.tasks).toHaveLength(130);
    expect(offline.sources[0]?.error).toMatch(/^(unreachable: ECONNREFUSED|network: ECONNRESET)$/);
    expect(offline.sources[0]?.refreshedAt).toBe(fresh.sources[0]?.refreshedAt);
    await jira.comeBack();
  });
});
