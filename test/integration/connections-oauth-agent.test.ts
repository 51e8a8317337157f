import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectionDtoSchema } from '../../common/dto';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { clockhand, clockhandBin, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { playBrowser } from '../harness/browser-visit';
import { startFakeAsana, type FakeAsana } from '../fakes/fake-asana-server';
import { startFakeAtlassian, type FakeAtlassian } from '../fakes/fake-atlassian-server';
import { startFakeMicrosoft, type FakeMicrosoft } from '../fakes/fake-microsoft-server';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { secretHaystacks } from '../harness/data-files';
import { requireKeyring } from '../harness/keyring';
import { recordingCli } from '../harness/recording-cli';

const APPS = {
  jira: { clientId: 'atl-client', clientSecret: 'atl-client-secret-77' },
  asana: { clientId: 'asana-client', clientSecret: 'asana-client-secret-c0ffee' },
  slack: { clientId: 'slack-client' },
  teams: { clientId: 'ms-client' },
};

describe('browser sign-in through the CLI and the agent, with the real keychain and fake Slack, Microsoft and Asana', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-oauth-agent-'));
  const policyDir = mkdtempSync(join(tmpdir(), 'clockhand-oauth-policy-'));
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const keychain = new KeytarSecretStore();
  let slack: FakeSlack;
  let microsoft: FakeMicrosoft;
  let asana: FakeAsana;
  let atlassian: FakeAtlassian;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;
  const { run, outputs } = recordingCli(() => env);

  const writePolicy = (policy: object): void => {
    writeFileSync(join(policyDir, 'policies.json'), JSON.stringify(policy), { mode: 0o644 });
  };

  /** `clockhand connect <provider> --json`, playing the browser as soon as the URL is printed. */
  const signIn = (provider: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string; page: string | null }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [clockhandBin, ...args('connect', provider, ...extra, '--json')], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let browsing: Promise<string | null> | null = null;
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(stderr)?.[1];
        if (url !== undefined && browsing === null) browsing = playBrowser(url).then((visit) => visit.callback?.body ?? null);
      });
      child.on('error', reject);
      child.on('close', (code) => {
        outputs.push(stdout, stderr);
        void (browsing ?? Promise.resolve(null)).then((page) => {
          resolve({ code: code ?? -1, stdout, stderr, page });
        });
      });
    });

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    slack = await startFakeSlack(APPS.slack.clientId);
    microsoft = await startFakeMicrosoft(APPS.teams.clientId, 'contoso.onmicrosoft.com');
    asana = await startFakeAsana({ 'user-1': { gid: '1201', name: 'Ada L.', email: 'ada@example.com' } }, {}, APPS.asana);
    atlassian = await startFakeAtlassian(APPS.jira, [
      { id: 'aaaaaaaa-1111-2222-3333-444444444444', url: 'https://acme.atlassian.net', name: 'acme' },
      { id: 'bbbbbbbb-1111-2222-3333-444444444444', url: 'https://beta.atlassian.net', name: 'beta' },
    ]);
    writePolicy({
      version: 1,
      integrations: {
        jira: { oauth: APPS.jira },
        asana: { oauth: APPS.asana },
        slack: { oauth: APPS.slack },
        teams: { oauth: APPS.teams, tenant: 'contoso.onmicrosoft.com' },
      },
    });
    env = {
      ...process.env,
      CLOCKHAND_POLICY_DIR: policyDir,
      CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
      CLOCKHAND_ENDPOINTS: JSON.stringify({
        slack: slack.baseUrl,
        teams: microsoft.baseUrl,
        asana: asana.baseUrl,
        jira: atlassian.baseUrl,
      }),
    };
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await Promise.all([slack.close(), microsoft.close(), asana.close(), atlassian.close()]);
    for (let id = 1; id <= 6; id++) await keychain.delete(`connection-${String(id)}`).catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('connect slack, teams and asana: the CLI prints the URL, the browser comes back, the tokens go to the keychain', async () => {
    const expected = [
      ['slack', { provider: 'slack', auth: 'oauth', site: 'https://acme.slack.com', accountId: 'user-1' }, 'Slack'],
      [
        'teams',
        { provider: 'teams', auth: 'oauth', site: 'https://login.microsoftonline.com/contoso.onmicrosoft.com', account: 'Grace Hopper' },
        'Microsoft',
      ],
      ['asana', { provider: 'asana', auth: 'oauth', accountId: '1201' }, 'Asana'],
    ] as const;
    for (const [index, [provider, fields, vendor]] of expected.entries()) {
      const result = await signIn(provider);
      expect(result.code, JSON.stringify(result.stderr)).toBe(0);
      expect(result.stderr).toMatch(/Open this address in your browser to sign in/);
      expect(result.page).toContain(`Clockhand is connected to ${vendor}`);
      expect(connectionDtoSchema.parse(JSON.parse(result.stdout))).toMatchObject({ id: index + 1, state: 'ok', ...fields });
      const stored = z
        .object({ accessToken: z.string(), refreshToken: z.string().nullable() })
        .parse(JSON.parse((await keychain.get(`connection-${String(index + 1)}`)) ?? 'null'));
      expect(stored.accessToken).toMatch(/^(xoxe|eyJ0eXAi|asana)/);
    }
    const jira = await signIn('jira', '--oauth', '--site', 'https://beta.atlassian.net');
    expect(jira.code, JSON.stringify(jira.stderr)).toBe(0);
    expect(connectionDtoSchema.parse(JSON.parse(jira.stdout))).toMatchObject({
      id: 4,
      provider: 'jira',
      auth: 'oauth',
      site: 'https://beta.atlassian.net',
      accountId: '712020:user-1',
    });
    const both = await clockhand(args('connect', 'jira', '--oauth', '--email', 'ada@example.com'), env);
    expect(both.code).toBe(2);
    for (const id of ['1', '2', '3', '4']) {
      expect(connectionDtoSchema.parse(await clockhandJson(args('connections', '--check', id), env)).state).toBe('ok');
    }
  });

  it('policy integrations.allowed refuses new connections (naming the file) and marks existing ones unavailable', async () => {
    writePolicy({ version: 1, integrations: { allowed: ['jira', 'asana'], asana: { oauth: APPS.asana } } });
    const deadline = Date.now() + 15_000;
    let list = z.array(connectionDtoSchema).parse(await clockhandJson(args('connections'), env));
    while (list[0]?.state !== 'unavailable' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      list = z.array(connectionDtoSchema).parse(await clockhandJson(args('connections'), env));
    }
    expect(list.map((c) => [c.provider, c.state])).toEqual([
      ['slack', 'unavailable'],
      ['teams', 'unavailable'],
      ['asana', 'ok'],
      ['jira', 'ok'],
    ]);
    expect(list[0]?.stateReason).toBe(
      `Slack connections are not allowed: integrations.allowed permits only jira, asana (machine policy ${join(policyDir, 'policies.json')})`,
    );
    const refused = await signIn('slack');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'policy_locked' } });
    const tempo = await run(args('connect', 'tempo'), 'tempo-token');
    expect(tempo.stderr).toMatch(/Tempo connections are not allowed: integrations\.allowed permits only jira, asana \(machine policy /);
  });

  it('disconnect revokes where the vendor can and deletes the keychain entry; no issued token appears anywhere', async () => {
    const asanaTokens = z.object({ refreshToken: z.string() }).parse(JSON.parse((await keychain.get('connection-3')) ?? 'null'));
    const removed = await run(args('disconnect', '3'));
    expect(removed.code).toBe(0);
    expect(asana.revoked).toEqual([asanaTokens.refreshToken]);
    expect(await keychain.get('connection-3')).toBeNull();
    await run(args('connections'));

    await agent.stop();
    const issued = [...slack.oauth.issued, ...microsoft.oauth.issued, ...asana.oauth.issued, ...atlassian.oauth.issued];
    expect(issued.length).toBeGreaterThanOrEqual(8);
    for (const { name, text } of secretHaystacks(dataDir, agent.output(), outputs)) {
      for (const token of issued) expect(text.includes(token), `${token} in ${name}`).toBe(false);
    }
    agent = await startAgent(dataDir, env);
  });
});
