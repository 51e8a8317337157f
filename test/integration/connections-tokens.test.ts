import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectionDtoSchema } from '../../common/dto';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { startFakeAsana, type FakeAsana } from '../fakes/fake-asana-server';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { startFakeTempo } from '../fakes/fake-tempo-server';
import type { FakeServer } from '../fakes/fake-http';
import { secretHaystacks } from '../harness/data-files';
import { requireKeyring } from '../harness/keyring';
import { recordingCli } from '../harness/recording-cli';

const JIRA_TOKEN = 'ATATT3xFfGF0-jira-for-tempo-51c0';
const TEMPO_TOKEN = 'tempo-api-token-8d1e77a0';
const ASANA_PAT = '2/1200000000000001/1209999999999999:asana-pat-f00d';
const SIG = 'SiGnAtUrE-0b5e-webhook-secret';
const WEBHOOK = `https://prod-42.westeurope.logic.azure.com:443/workflows/3f2a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SIG}`;

describe('Tempo, Asana and Teams webhook connections with the real agent, CLI and keychain', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-token-connections-'));
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const keychain = new KeytarSecretStore();
  let jira: FakeJira;
  let tempo: FakeServer & { revoke(token: string): void };
  let asana: FakeAsana;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;
  const { run, outputs } = recordingCli(() => env);

  const connected = async (argv: string[], input: string): Promise<z.infer<typeof connectionDtoSchema>> => {
    const result = await run(args(...argv, '--json'), input);
    expect(result.stderr, argv.join(' ')).toBe('');
    return connectionDtoSchema.parse(JSON.parse(result.stdout));
  };

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    jira = await startFakeJira([{ email: 'ada@example.com', apiToken: JIRA_TOKEN, accountId: '557058:ada', displayName: 'Ada Lovelace' }]);
    tempo = await startFakeTempo([TEMPO_TOKEN]);
    asana = await startFakeAsana(
      { ada: { gid: '1200000000000001', name: 'Ada L.', email: 'ada@example.com' } },
      { [ASANA_PAT]: 'ada' },
      { clientId: 'unused', clientSecret: 'unused' },
    );
    env = {
      ...process.env,
      CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
      CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jira.baseUrl, tempo: tempo.baseUrl, asana: asana.baseUrl }),
    };
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await Promise.all([jira.close(), tempo.close(), asana.close()]);
    for (let id = 1; id <= 8; id++) await keychain.delete(`connection-${String(id)}`).catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Tempo needs a Jira Cloud connection, then takes its account id; the token is checked with Bearer first', async () => {
    const none = await run(args('connect', 'tempo'), TEMPO_TOKEN);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Tempo needs a Jira Cloud connection first/);
    await connected(['connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', 'ada@example.com'], JIRA_TOKEN);
    const wrong = await run(args('connect', 'tempo'), 'not-a-tempo-token');
    expect(wrong.stderr).toMatch(/Tempo refused the API token \(HTTP 401\)/);
    const other = await run(args('connect', 'tempo', '--jira', '7'), TEMPO_TOKEN);
    expect(other.stderr).toMatch(/connection #7 is not a Jira Cloud connection/);
    const connection = await connected(['connect', 'tempo', '--jira', '1'], TEMPO_TOKEN);
    expect(connection).toMatchObject({
      id: 2,
      provider: 'tempo',
      auth: 'api-token',
      site: 'https://acme.atlassian.net',
      accountId: '557058:ada',
      account: 'Ada Lovelace',
      state: 'ok',
    });
    expect(tempo.requests.at(-1)).toMatchObject({ method: 'GET', path: '/4/globalconfiguration', authorization: `Bearer ${TEMPO_TOKEN}` });
    expect(await keychain.get('connection-2')).toBe(TEMPO_TOKEN);
  });

  it('Asana with a personal access token records the user gid from the data envelope', async () => {
    const connection = await connected(['connect', 'asana', '--pat'], `${ASANA_PAT}\n`);
    expect(connection).toMatchObject({
      id: 3,
      provider: 'asana',
      auth: 'pat',
      accountId: '1200000000000001',
      account: 'Ada L.',
      state: 'ok',
    });
    expect(asana.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/1.0/users/me', authorization: `Bearer ${ASANA_PAT}` });
    expect(await keychain.get('connection-3')).toBe(ASANA_PAT);
  });

  it('a Teams Workflows webhook URL is a secret: kept only in the keychain, only its origin is shown', async () => {
    const connection = await connected(['connect', 'teams', '--webhook'], WEBHOOK);
    expect(connection).toMatchObject({
      id: 4,
      provider: 'teams',
      auth: 'webhook',
      site: 'https://prod-42.westeurope.logic.azure.com',
      state: 'ok',
    });
    expect(await keychain.get('connection-4')).toBe(WEBHOOK.replace(':443', ''));
    expect(connectionDtoSchema.parse(await clockhandJson(args('connections', '--check', '4'), env)).state).toBe('ok');
  });

  it('bad input: each a clear one-line error, nothing stored', async () => {
    const before = await clockhandJson(args('connections'), env);
    const cases: [string[], string, RegExp][] = [
      [['connect', 'asana', '--pat'], 'FAULT-HTML', /Asana answered HTTP 502 with an HTML page/],
      [['connect', 'asana', '--pat'], 'FAULT-HUGE', /larger than 5 MiB/],
      [['connect', 'asana', '--pat'], 'FAULT-REDIRECT', /redirect \(302\); Clockhand does not follow redirects/],
      [['connect', 'asana', '--pat'], 'wrong-pat', /Asana refused the personal access token \(HTTP 401\)/],
      [['connect', 'tempo'], 'FAULT-HTML', /Tempo answered HTTP 502 with an HTML page/],
      [
        ['connect', 'teams', '--webhook'],
        'https://outlook.office.com/webhook/abc/IncomingWebhook/def',
        /Office 365 connector webhooks are retired/,
      ],
      [['connect', 'teams', '--webhook'], 'https://evil.example.com/workflows/x?sig=1', /Teams Workflows webhook URL is https on/],
      [['connect', 'teams', '--webhook'], WEBHOOK.replace('https:', 'http:'), /must use https, not http/],
      [['connect', 'teams', '--webhook'], 'javascript:alert(1)', /must use https, not javascript/],
      [['connect', 'teams', '--webhook'], 'file:///etc/passwd', /must use https, not file/],
    ];
    for (const [argv, input, message] of cases) {
      const result = await run(args(...argv), input);
      expect(result.code, `${argv.join(' ')} <<< ${input}`).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    expect(await clockhandJson(args('connections'), env)).toEqual(before);
    expect(await keychain.get('connection-5')).toBeNull();
  });

  it('lists every connection with its state; a revoked Tempo token shows as needs_reauth; disconnect deletes the secret', async () => {
    const list = z.array(connectionDtoSchema).parse(await clockhandJson(args('connections'), env));
    expect(list.map((c) => [c.id, c.provider, c.state])).toEqual([
      [1, 'jira', 'ok'],
      [2, 'tempo', 'ok'],
      [3, 'asana', 'ok'],
      [4, 'teams', 'ok'],
    ]);
    tempo.revoke(TEMPO_TOKEN);
    const checked = connectionDtoSchema.parse(await clockhandJson(args('connections', '--check', '2'), env));
    expect(checked).toMatchObject({ state: 'needs_reauth', stateReason: 'Tempo refused the API token (HTTP 401)' });
    for (const id of ['3', '4']) {
      expect((await run(args('disconnect', id))).code).toBe(0);
      expect(await keychain.get(`connection-${id}`)).toBeNull();
    }
  });

  it('no token or webhook signature appears in the data directory, the agent log or any CLI output', async () => {
    await agent.stop();
    for (const { name, text } of secretHaystacks(dataDir, agent.output(), outputs)) {
      for (const secret of [JIRA_TOKEN, TEMPO_TOKEN, ASANA_PAT, SIG]) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
    }
    agent = await startAgent(dataDir, env);
  });
});
