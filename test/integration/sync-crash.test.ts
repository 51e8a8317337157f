import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syncViewSchema } from '../../common/dto';
import { callAgent } from '../../main/adapters/node/control-client';
import { controlSocketPath } from '../../main/adapters/node/data-dir';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { fakeJiraWorklogs, type FakeWorklogs } from '../fakes/fake-jira-worklogs';
import { clockhand, clockhandJson, clockhandWithInput, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { requireKeyring } from '../harness/keyring';

const TOKEN = 'ATATT-crash-test-token-4411';
const WORKLOGS = 1_000;
const KILLS = 6;

function localIso(ms: number): string {
  const at = new Date(ms);
  const pad = (v: number, w = 2): string => String(v).padStart(w, '0');
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

describe('exactly once across kill -9 (the built agent, the real keychain, a fake Jira over HTTP)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-sync-crash-'));
  const keychain = new KeytarSecretStore();
  let jira: FakeJira;
  let fake: FakeWorklogs;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    fake = await fakeJiraWorklogs();
    fake.latencyMs = 3;
    jira = await startFakeJira(
      [{ email: 'ada@example.com', apiToken: TOKEN, accountId: '557058:ada', displayName: 'Ada' }],
      {},
      fake.routes,
    );
    env = {
      ...process.env,
      CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
      CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jira.baseUrl }),
      CLOCKHAND_SYNC_RATES: JSON.stringify({ jira: 300 }),
    };
    agent = await startAgent(dataDir, env);
    const connected = await clockhandWithInput(
      ['--data-dir', dataDir, 'connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', 'ada@example.com'],
      TOKEN,
      env,
    );
    expect(connected.code).toBe(0);
  });

  afterAll(async () => {
    await agent.stop();
    await jira.close();
    await keychain.delete('connection-1').catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`posts ${String(WORKLOGS)} worklogs exactly once while the agent is killed ${String(KILLS)} times`, async () => {
    const socket = controlSocketPath(dataDir);
    // Jira is away while the entries are made, so that the kills below land while the backlog drains.
    await jira.goOffline();
    const t0 = Date.now();
    // One-minute entries, one every two minutes, ending an hour ago, over 20 issues.
    const firstStart = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000 - WORKLOGS * 120_000;
    for (let i = 0; i < WORKLOGS; i += 1) {
      const start = firstStart + i * 120_000;
      const answer = await callAgent(socket, 'entry.add', {
        taskRef: `jira:LOAD-${String((i % 20) + 1)}`,
        start: localIso(start),
        end: localIso(start + 60_000),
      });
      expect(answer.ok).toBe(true);
    }
    const addedMs = Date.now() - t0;
    await agent.kill9();
    await jira.comeBack();
    agent = await startAgent(dataDir, env);
    const kills: number[] = [];
    for (let k = 0; k < KILLS; k += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 700));
      kills.push(fake.worklogs.size);
      await agent.kill9();
      agent = await startAgent(dataDir, env);
    }
    await vi.waitFor(
      async () => {
        const view = syncViewSchema.parse(
          await clockhandJson(['--data-dir', dataDir, 'sync', '--state', 'done', '--limit', '1', '--json'], env),
        );
        expect(view.counts.done).toBe(WORKLOGS);
      },
      { timeout: 120_000, interval: 500 },
    );
    // The kills landed while posting was under way, not before or after it.
    expect(
      kills.filter((n) => n > 0 && n < WORKLOGS).length,
      `worklogs at each kill: ${kills.join(', ')}; ${String(addedMs)} ms to add`,
    ).toBeGreaterThanOrEqual(3);
    expect(fake.worklogs.size).toBe(WORKLOGS);
    const ids = [...fake.worklogs.values()].map((w) => JSON.stringify(w.properties));
    expect(new Set(ids).size).toBe(WORKLOGS);
    expect(fake.invalid).toEqual([]);
    const text = await clockhand(['--data-dir', dataDir, 'sync', '--limit', '3'], env);
    expect(text.stdout).toMatch(/^#\d+ {2}entry #\d+ {2}jira LOAD-\d+ {2}posted 1m /m);
    expect(text.stdout).toContain(`Totals: pending 0, in_flight 0, done ${String(WORKLOGS)}, needs_attention 0, needs_reauth 0`);
  }, 240_000);
});
