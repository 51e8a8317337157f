import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RotatingLogFile, LOGS_DIR } from '../../main/adapters/node/log-files';
import { createStreamLogger } from '../../main/adapters/node/stream-logger';
import { Redactor } from '../../main/core/logging/redactor';
import { rememberingSecrets } from '../../main/core/logging/remembering-secret-store';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { FakeOAuth } from '../fakes/fake-oauth';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { clockhand, clockhandJson, clockhandWithInput, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { requireKeyring } from '../harness/keyring';

/** The API tokens, client secrets, webhook signatures, e-mails and notes the fakes and their tests use. */
const FIXED_SECRETS = [
  'ATATT3xFfGF0-cloud-token-7f3a9c',
  'ATATT3xFfGF0-erase-token-5c1d',
  'ATATT-crash-test-token-4411',
  'ATATT-sync-test-token',
  'tempo-api-token-8d1e77a0',
  'tempo-api-token-5521',
  'SiGnAtUrE-0b5e-webhook-secret',
  'xoxp-secret',
  'atl-client-secret-77',
  'asana-client-secret-c0ffee',
  'wrong-token-000',
  'not-a-tempo-token',
];
const EMAILS = ['ada@example.com', 'grace.hopper@acme.example.org'];
const NOTES = ['@evil, "quoted" note about the Q3 layoffs', 'call Dr. Smith re: diagnosis'];
const API_TOKEN = 'ATATT3xFfGF0-diagnostics-token-91be';

/** Tokens the fake vendors' OAuth servers issue (same prefixes as fake-{atlassian,asana,slack,microsoft}-server). */
function oauthTokens(): string[] {
  const tokens: string[] = [];
  for (const prefix of ['eyJraWQi.atl', 'asana', 'xoxe.xoxp-1', 'eyJ0eXAi.ms']) {
    const oauth = new FakeOAuth({ clientId: 'c', pkce: true, rotation: 'rotate', accessTtlSeconds: 60, prefix });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://127.0.0.1:5555/callback';
    const query = new URLSearchParams({
      client_id: 'c',
      redirect_uri: redirect,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const location = oauth.authorize(query).location ?? '';
    const code = new URL(location).searchParams.get('code') ?? '';
    const outcome = oauth.exchange({ client_id: 'c', code, redirect_uri: redirect, code_verifier: verifier });
    if (!outcome.ok) throw new Error(outcome.description);
    tokens.push(code, verifier, ...oauth.issued);
  }
  return tokens;
}

/** Every way a secret could reach a log: headers, fields, URLs, error messages, bare text. */
function feed(logger: ReturnType<typeof createStreamLogger>, secret: string): void {
  logger.info(`request failed: Authorization: Bearer ${secret}`, { status: 401 });
  logger.warn('vendor answered', { authorization: `Basic ${Buffer.from(`ada@example.com:${secret}`).toString('base64')}` });
  logger.warn('vendor answered', { header: `Authorization: Bearer ${secret}`, cookie: `session=${secret}` });
  logger.error('token refresh failed', { url: `https://slack.com/api/oauth.v2.access?code=${secret}&client_secret=${secret}` });
  logger.error('webhook failed', { detail: `https://prod.westeurope.logic.azure.com/workflows/x?api-version=1&sig=${secret}` });
  logger.debug('set-cookie seen', { detail: `Set-Cookie: sid=${secret}; Path=/; HttpOnly` });
  logger.info('token stored', { token: secret, refreshToken: secret, accessToken: secret, apiKey: secret });
  logger.error(`unexpected answer ${secret}`, { error: `invalid token ${secret}` });
}

function textsOf(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('redacted logs with rotation, and the diagnostics bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-logs-'));
  const dataDir = join(dir, 'data');
  const agentDir = join(dir, 'agent-data');
  const args = (...rest: string[]): string[] => ['--data-dir', agentDir, ...rest];
  const secrets = [...FIXED_SECRETS, API_TOKEN, ...oauthTokens()];
  const keychain = new KeytarSecretStore();
  let jira: FakeJira;
  let agent: AgentProcess | null = null;

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    jira = await startFakeJira([{ email: EMAILS[0] ?? '', apiToken: API_TOKEN, accountId: '557058:ada', displayName: 'Ada Lovelace' }]);
  });

  afterAll(async () => {
    await agent?.stop();
    await jira.close();
    for (const account of await keychain.accounts()) if (account.startsWith('test-logs/')) await keychain.delete(account);
    rmSync(dir, { recursive: true, force: true });
  });

  it('no token, header, e-mail or note fed through the logger reaches any log file; files rotate within their limits', async () => {
    const redactor = new Redactor();
    // As in the agent: every secret that passes through the keychain is remembered by the redactor.
    const store = rememberingSecrets(keychain, redactor);
    const fixed = FIXED_SECRETS.length;
    for (const [i, secret] of secrets.slice(fixed).entries()) await store.set(`test-logs/${String(i)}`, secret);
    for (const [i, secret] of secrets.slice(0, fixed).entries()) {
      await keychain.set(`test-logs/fixed-${String(i)}`, secret);
      await store.get(`test-logs/fixed-${String(i)}`);
    }
    const limits = { maxBytes: 8 * 1024, keep: 3, maxAgeMs: 60_000 };
    mkdirSync(dataDir, { recursive: true });
    const file = new RotatingLogFile(dataDir, limits);
    const logger = createStreamLogger(
      (line) => {
        file.write(line);
      },
      'debug',
      redactor,
    );
    for (const secret of secrets) feed(logger, secret);
    for (const email of EMAILS) logger.info(`connected as ${email}`, { account: email });
    for (const note of NOTES) logger.info('entry saved', { note, entryId: 7 });
    file.close();

    const logs = join(dataDir, LOGS_DIR);
    const names = readdirSync(logs).sort();
    expect(names).toEqual(['clockhand.log', 'clockhand.log.1', 'clockhand.log.2', 'clockhand.log.3']);
    for (const name of names) expect(statSync(join(logs, name)).size).toBeLessThanOrEqual(limits.maxBytes);
    const text = textsOf(logs);
    expect(text).toContain('[redacted]');
    for (const line of text.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    for (const value of [...secrets, ...EMAILS, ...NOTES]) expect(text, value).not.toContain(value);
  });

  it('even without the keychain having seen them, tokens in headers, URLs and secret fields are removed', () => {
    const redactor = new Redactor();
    const lines: string[] = [];
    const logger = createStreamLogger((line) => lines.push(line), 'debug', redactor);
    for (const secret of secrets) {
      logger.info('vendor call', { header: `Authorization: Bearer ${secret}`, cookie: `sid=${secret}`, token: secret });
      logger.info('redirect', { url: `http://127.0.0.1:5555/callback?code=${secret}&state=s` });
    }
    const text = lines.join('');
    for (const value of secrets) expect(text, value).not.toContain(value);
  });

  it('the agent logs to a file without the connection token, notes or e-mail; diagnostics bundles only what it should', async () => {
    const env = { ...process.env, CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1', CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jira.baseUrl }) };
    agent = await startAgent(agentDir, env);
    const connected = await clockhandWithInput(
      args('connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', EMAILS[0] ?? '', '--json'),
      `${API_TOKEN}\n`,
      env,
    );
    expect(connected.code).toBe(0);
    await clockhandJson(args('start', 'local:support', '--note', NOTES[0] ?? ''), env);
    await clockhandJson(args('stop'), env);
    // A wrong token: the refusal is logged, the token is not.
    const refused = await clockhandWithInput(
      args('connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', EMAILS[0] ?? '', '--json'),
      'wrong-token-000\n',
      env,
    );
    expect(refused.code).toBe(1);

    const out = join(dir, 'bundle.zip');
    const made = await clockhand(args('diagnostics', '--out', out, '--json'), env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(out)));
    expect(Object.keys(zip).sort()).toEqual(['about.json', 'connections.json', 'logs/clockhand.log', 'outbox.json', 'policy.json']);
    const about = z
      .object({ version: z.string(), os: z.object({ platform: z.string() }), agent: z.string() })
      .parse(JSON.parse(strFromU8(zip['about.json'] ?? new Uint8Array())));
    expect(about).toMatchObject({ version: '0.1.0', agent: 'running', os: { platform: process.platform } });
    const connections = JSON.parse(strFromU8(zip['connections.json'] ?? new Uint8Array())) as unknown;
    expect(connections).toEqual([expect.objectContaining({ provider: 'jira', state: 'ok', site: 'https://acme.atlassian.net' })]);
    expect(JSON.parse(strFromU8(zip['outbox.json'] ?? new Uint8Array()))).toHaveProperty('counts');
    const policy = strFromU8(zip['policy.json'] ?? new Uint8Array());
    expect(policy).toContain('backup.keep');
    const agentLog = strFromU8(zip['logs/clockhand.log'] ?? new Uint8Array());
    expect(agentLog).toContain('runtime started');
    const everything = Object.values(zip)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    const onDisk = textsOf(join(agentDir, LOGS_DIR));
    for (const value of [API_TOKEN, 'wrong-token-000', ...EMAILS, ...NOTES]) {
      expect(everything, value).not.toContain(value);
      expect(onDisk, value).not.toContain(value);
      expect(agent.output(), value).not.toContain(value);
    }
    expect(everything).not.toContain('Ada Lovelace');
    await agent.stop();
    agent = null;

    // With no agent running the bundle still has the version, OS and logs, and says why the rest is missing.
    const offline = await clockhand(args('diagnostics', '--out', join(dir, 'offline.zip')));
    expect(offline.code).toBe(0);
    const offlineZip = unzipSync(new Uint8Array(readFileSync(join(dir, 'offline.zip'))));
    expect(strFromU8(offlineZip['connections.json'] ?? new Uint8Array())).toMatch(/no agent or app was running/);
  });
});
