import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectionDtoSchema } from '../../common/dto';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { secretHaystacks } from '../harness/data-files';
import { requireKeyring } from '../harness/keyring';
import { recordingCli } from '../harness/recording-cli';

const API_TOKEN = 'ATATT3xFfGF0-cloud-token-7f3a9c';
const PAT = 'NjE0-datacenter-pat-91b2d4';
const WRONG = 'wrong-token-000';

describe('connections with the real agent, CLI, keychain and a fake Jira', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-connections-'));
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const keychain = new KeytarSecretStore();
  let jira: FakeJira;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;
  const { run, outputs } = recordingCli(() => env);

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    jira = await startFakeJira([{ email: 'ada@example.com', apiToken: API_TOKEN, accountId: '557058:ada', displayName: 'Ada Lovelace' }], {
      [PAT]: 'ada',
    });
    env = { ...process.env, CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1', CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jira.baseUrl }) };
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await jira.close();
    for (const account of ['connection-1', 'connection-2', 'connection-3']) await keychain.delete(account).catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects Jira Cloud with an API token from standard input, checked against the server first', async () => {
    const result = await run(
      args('connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', 'ada@example.com', '--json'),
      `${API_TOKEN}\n`,
    );
    expect(result.stderr).toBe('');
    const connection = connectionDtoSchema.parse(JSON.parse(result.stdout));
    expect(connection).toMatchObject({
      id: 1,
      provider: 'jira',
      site: 'https://acme.atlassian.net',
      account: 'Ada Lovelace',
      accountId: '557058:ada',
      state: 'ok',
    });
    expect(jira.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/myself' });
    expect(jira.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from(`ada@example.com:${API_TOKEN}`).toString('base64')}`);
    expect(await keychain.get('connection-1')).toBe(API_TOKEN);
  });

  it('connects Jira Data Center with a personal access token', async () => {
    env = { ...env, CLOCKHAND_ENDPOINTS: '{}' };
    await agent.stop();
    agent = await startAgent(dataDir, env);
    const result = await run(args('connect', 'jira-dc', '--base-url', `${jira.baseUrl}/`, '--json'), PAT);
    expect(connectionDtoSchema.parse(JSON.parse(result.stdout))).toMatchObject({
      id: 2,
      provider: 'jira-dc',
      auth: 'pat',
      account: 'ADA',
      state: 'ok',
    });
    expect(jira.requests.at(-1)?.authorization).toBe(`Bearer ${PAT}`);
  });

  it('refuses bad tokens and bad URLs with one clear line, storing nothing', async () => {
    const before = await clockhandJson(args('connections'), env);
    const cases: [string[], string, RegExp][] = [
      [['connect', 'jira-dc', '--base-url', jira.baseUrl], WRONG, /refused the personal access token \(HTTP 401\)/],
      [['connect', 'jira-dc', '--base-url', 'javascript:alert(1)'], PAT, /must use https, not javascript/],
      [['connect', 'jira-dc', '--base-url', 'file:///etc/passwd'], PAT, /must use https, not file/],
      [['connect', 'jira-dc', '--base-url', 'http://jira.example.com'], PAT, /must use https, not http/],
      [['connect', 'jira-dc', '--base-url', 'https://user:pw@jira.example.com'], PAT, /must not contain a user name or password/],
      [
        ['connect', 'jira', '--site', 'https://evil.example.com', '--email', 'ada@example.com'],
        API_TOKEN,
        /a Jira Cloud site is https:\/\/<name>\.atlassian\.net/,
      ],
      [['connect', 'jira-dc', '--base-url', 'https://127.0.0.1:9'], PAT, /could not be reached/],
    ];
    for (const [argv, token, message] of cases) {
      const result = await run(args(...argv), token);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    expect(await clockhandJson(args('connections'), env)).toEqual(before);
    expect(await keychain.get('connection-3')).toBeNull();
    // A token on the command line is not even accepted.
    expect((await run(args('connect', 'jira-dc', '--base-url', jira.baseUrl, '--token', PAT))).code).toBe(2);
  });

  it('a revoked token shows as needs_reauth after a check; disconnect deletes the keychain entry', async () => {
    jira.revoke(PAT);
    const checked = connectionDtoSchema.parse(await clockhandJson(args('connections', '--check', '2'), env));
    expect(checked).toMatchObject({ id: 2, state: 'needs_reauth' });
    expect(checked.stateReason).toMatch(/HTTP 401/);
    const list = z.array(connectionDtoSchema).parse(await clockhandJson(args('connections'), env));
    expect(list.map((c) => [c.id, c.state])).toEqual([
      [1, 'ok'],
      [2, 'needs_reauth'],
    ]);
    expect((await run(args('disconnect', '2'))).stdout).toContain('Disconnected #2');
    expect(await keychain.get('connection-2')).toBeNull();
    expect((await run(args('disconnect', '2'))).stderr).toMatch(/there is no connection #2/);
  });

  it('no token appears in the data directory, the agent log or any CLI output', async () => {
    const human = await run(args('connections'));
    expect(human.stdout).toMatch(/#1 {2}jira {5}https:\/\/acme\.atlassian\.net {2}Ada Lovelace {2}ok/);
    await agent.stop();
    for (const { name, text } of secretHaystacks(dataDir, agent.output(), outputs)) {
      for (const token of [API_TOKEN, PAT, Buffer.from(`ada@example.com:${API_TOKEN}`).toString('base64')]) {
        expect(text.includes(token), `${token} in ${name}`).toBe(false);
      }
    }
    agent = await startAgent(dataDir, env);
  });
});
