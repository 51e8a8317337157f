import { mkdtempSync, rmSync } from 'node:fs';
import { InMemoryConsent } from '../fakes/in-memory-consent';
import { screenshotFakes } from '../fakes/fake-screenshots';
import { createSyncRepository } from '../../main/store/sync-repository';
import { createStandupRepository } from '../../main/store/standup-repository';
import { createAssignedTaskRepository } from '../../main/store/assigned-task-repository';
import { DEFAULT_LIMITS } from '../../main/core/sync/sync-worker';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { ConnectionUnusableError } from '../../main/core/integrations/connection-service';
import { silentLogger } from '../../main/core/ports/logger';
import { createAxiosHttpClient } from '../../main/adapters/node/axios-http-client';
import { createEndpointRules } from '../../main/adapters/node/endpoint-rules';
import { nodeScheduler } from '../../main/adapters/node/node-scheduler';
import { createLoopbackBrowser } from '../../main/adapters/node/oauth/loopback-browser';
import { systemClock } from '../../main/adapters/node/system-clock';
import { openDatabase } from '../../main/store/database';
import { createConnectionRepository } from '../../main/store/connection-repository';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { FakeActivitySource } from '../fakes/fake-activity-source';
import { FakePolicySource, InMemoryPolicyState, InMemoryUserSettings } from '../fakes/fake-policy';
import { FakePowerEvents } from '../fakes/fake-power-events';
import { startFakeAsana, type FakeAsana } from '../fakes/fake-asana-server';
import { startFakeAtlassian, type FakeAtlassian } from '../fakes/fake-atlassian-server';
import { startFakeMicrosoft, type FakeMicrosoft } from '../fakes/fake-microsoft-server';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { playBrowser, visit } from '../harness/browser-visit';
import { requireKeyring } from '../harness/keyring';

const APPS = {
  jira: { clientId: 'atl-client', clientSecret: 'atl-secret-9f8e' },
  asana: { clientId: 'asana-client', clientSecret: 'asana-secret-1a2b' },
  slack: { clientId: 'slack-client' },
  teams: { clientId: 'ms-client' },
};

interface Engine {
  readonly core: Core;
  readonly policy: FakePolicySource;
  readonly dir: string;
  close(): void;
}

const secrets = new KeytarSecretStore();

describe('the OAuth engine with real HTTP, the real keychain and a SQLite file, against fake authorization servers', () => {
  let slack: FakeSlack;
  let microsoft: FakeMicrosoft;
  let asana: FakeAsana;
  let atlassian: FakeAtlassian;
  let engine: Engine;

  const start = (signInTimeoutMs?: number): Engine => {
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-oauth-'));
    const db = openDatabase(join(dir, 'clockhand.sqlite'));
    const policy = new FakePolicySource('machine');
    policy.set({
      version: 1,
      integrations: {
        jira: { oauth: APPS.jira },
        asana: { oauth: APPS.asana },
        slack: { oauth: APPS.slack },
        teams: { oauth: APPS.teams },
      },
    });
    const env = {
      CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
      CLOCKHAND_ENDPOINTS: JSON.stringify({
        slack: slack.baseUrl,
        teams: microsoft.baseUrl,
        asana: asana.baseUrl,
        jira: atlassian.baseUrl,
      }),
    };
    const core = createCore({
      standups: { repository: createStandupRepository(db) },
      consent: new InMemoryConsent(true),
      clock: systemClock,
      scheduler: nodeScheduler,
      store: createSqliteStore(db),
      policy: { sources: [policy], state: new InMemoryPolicyState(), userSettings: new InMemoryUserSettings() },
      connections: {
        repository: createConnectionRepository(db),
        secrets,
        http: createAxiosHttpClient(),
        endpoints: createEndpointRules(env, silentLogger),
        browser: createLoopbackBrowser({ allowHttpLoopback: true }),
        ...(signInTimeoutMs !== undefined && { signInTimeoutMs }),
      },
      // The sync worker is not started here: these tests are about signing in.
      sync: {
        outbox: createSyncRepository(db),
        assignedTasks: createAssignedTaskRepository(db),
        random: Math.random,
        limits: () => DEFAULT_LIMITS,
      },
      // Screenshots stay off here (the fakes of its ports): these tests are about other things.
      screenshots: screenshotFakes(() => systemClock.now()),
      activitySources: [new FakeActivitySource()],
      powerEvents: new FakePowerEvents(),
      logger: silentLogger,
      agent: { pid: 1, version: 'test', face: 'agent', dataDir: dir, startedAt: systemClock.now() },
    });
    return {
      core,
      policy,
      dir,
      close: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };

  const must = async <T>(
    promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
  ): Promise<T> => {
    const result = await promise;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };

  /** begin -> the browser round trip -> finish. */
  const signIn = async (provider: 'jira' | 'asana' | 'slack' | 'teams', site?: string) => {
    const started = await must(engine.core.invokeAsync('connection.oauth.begin', { provider, ...(site !== undefined && { site }) }));
    const finished = engine.core.invokeAsync('connection.oauth.finish', { flow: started.flow });
    const browser = await playBrowser(started.url);
    return { started, browser, result: await finished };
  };

  const storedTokens = async (id: number): Promise<{ accessToken: string; refreshToken: string | null }> =>
    JSON.parse((await secrets.get(`connection-${String(id)}`)) ?? 'null') as { accessToken: string; refreshToken: string | null };

  beforeAll(async () => {
    requireKeyring();
    slack = await startFakeSlack(APPS.slack.clientId);
    microsoft = await startFakeMicrosoft(APPS.teams.clientId, 'organizations', 30);
    asana = await startFakeAsana({ 'user-1': { gid: '1201', name: 'Ada L.', email: 'ada@example.com' } }, {}, APPS.asana);
    atlassian = await startFakeAtlassian(APPS.jira, [
      { id: '11111111-2222-3333-4444-555555555555', url: 'https://acme.atlassian.net', name: 'acme' },
    ]);
    engine = start();
  });

  afterAll(async () => {
    engine.close();
    for (const account of await secrets.accounts()) if (account.startsWith('connection-')) await secrets.delete(account);
    await Promise.all([slack.close(), microsoft.close(), asana.close(), atlassian.close()]);
  });

  it('Slack: PKCE round trip through the loopback listener; user token stored in the keychain only; rotation under concurrency refreshes once', async () => {
    const { started, browser, result } = await signIn('slack');
    const url = new URL(started.url);
    expect(url.pathname).toBe('/oauth/v2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(browser.callback?.status).toBe(200);
    expect(browser.callback?.body).toContain('Clockhand is connected to Slack');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({
      provider: 'slack',
      auth: 'oauth',
      site: 'https://acme.slack.com',
      accountId: 'user-1',
      state: 'ok',
    });
    const tokenRequest = slack.requests.find((r) => r.path === '/api/oauth.v2.access');
    expect(new URLSearchParams(tokenRequest?.body).get('code_verifier')).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);

    // Replay of the same redirect: the listener is gone; the flow cannot be finished twice.
    await expect(visit(browser.provider.location ?? '')).rejects.toThrow(/ECONNREFUSED/);
    expect((await engine.core.invokeAsync('connection.oauth.finish', { flow: started.flow })).ok).toBe(false);

    const id = result.value.id;
    const first = await engine.core.connections.authorize(id);
    expect(first.authorization).toBe(`Bearer ${(await storedTokens(id)).accessToken}`);
    expect(first.record.baseUrl).toBe(`${slack.baseUrl}/api`);
    const before = await storedTokens(id);
    // Two sync workers get a 401 at once: exactly one refresh, both retry with the new token.
    slack.oauth.expireAccessTokens();
    const answers = await Promise.all([
      engine.core.connections.unauthorized(id, first.authorization, 401),
      engine.core.connections.unauthorized(id, first.authorization, 401),
    ]);
    expect(answers).toEqual(['retry', 'retry']);
    expect(slack.oauth.refreshCount).toBe(1);
    const after = await storedTokens(id);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated, and stored before use
    const second = await engine.core.connections.authorize(id);
    expect(second.authorization).toBe(`Bearer ${after.accessToken}`);
    expect(slack.oauth.userOf(after.accessToken)).toBe('user-1');
    // The old refresh token is dead at Slack: it was never used twice by us, and the fake says so.
    expect(slack.oauth.refresh({ client_id: APPS.slack.clientId, refresh_token: before.refreshToken ?? '' }).ok).toBe(false);

    // A 401 to the token that came from that refresh: the grant is gone -> needs_reauth, no more refreshes.
    expect(await engine.core.connections.unauthorized(id, second.authorization, 401)).toBe('needs_reauth');
    expect(slack.oauth.refreshCount).toBe(2); // only the fake's own check above
    await expect(engine.core.connections.authorize(id)).rejects.toBeInstanceOf(ConnectionUnusableError);
    expect(engine.core.connections.list().find((c) => c.id === id)?.state).toBe('needs_reauth');

    // Disconnect revokes at Slack (auth.revoke) and deletes the keychain entry.
    await must(engine.core.invokeAsync('connection.remove', { id }));
    expect(slack.revoked).toEqual([after.accessToken]);
    expect(await secrets.get(`connection-${String(id)}`)).toBeNull();
  });

  it('Microsoft: public client (no secret), refresh before expiry shared by concurrent callers, invalid_grant -> needs_reauth', async () => {
    const { browser, result } = await signIn('teams');
    expect(browser.callback?.status).toBe(200);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ provider: 'teams', auth: 'oauth', accountId: 'user-1-oid', account: 'Grace Hopper' });
    const id = result.value.id;
    // Access tokens live 30 s here (< the 60 s refresh skew): every use wants a refresh; concurrent uses share one.
    const refreshesBefore = microsoft.oauth.refreshCount;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => engine.core.connections.authorize(id)));
    expect(microsoft.oauth.refreshCount - refreshesBefore).toBe(1);
    expect(new Set([a?.authorization, b?.authorization, c?.authorization]).size).toBe(1);
    expect(a?.record.baseUrl).toBe(`${microsoft.baseUrl}/v1.0`);
    expect((await must(engine.core.invokeAsync('connection.check', { id }))).state).toBe('ok');
    // The user revoked the app: Graph refuses the token (a token refreshed seconds ago is used as it is), and the
    // refresh that follows the 401 gets invalid_grant.
    microsoft.oauth.revokeAll();
    const current = await engine.core.connections.authorize(id);
    expect(await engine.core.connections.unauthorized(id, current.authorization, 401)).toBe('needs_reauth');
    await expect(engine.core.connections.authorize(id)).rejects.toMatchObject({ state: 'needs_reauth' });
    const record = engine.core.connections.list().find((c) => c.id === id);
    expect(record?.state).toBe('needs_reauth');
    expect(record?.stateReason).toMatch(/invalid_grant/);
    const count = microsoft.oauth.refreshCount;
    await expect(engine.core.connections.authorize(id)).rejects.toMatchObject({ state: 'needs_reauth' });
    expect(microsoft.oauth.refreshCount).toBe(count); // nothing retries forever
    // Signing in again renews the same connection (the sync queue keeps its id).
    const again = await signIn('teams');
    expect(again.result).toMatchObject({ ok: true, value: { id, state: 'ok' } });
    expect((await engine.core.connections.authorize(id)).authorization).toMatch(/^Bearer eyJ0eXAi\.ms-at-/);
  });

  it('Asana: round trip with PKCE and the client secret; disconnect revokes the refresh token', async () => {
    const { result } = await signIn('asana');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ provider: 'asana', auth: 'oauth', accountId: '1201', account: 'Ada L.' });
    const tokens = await storedTokens(result.value.id);
    expect(tokens.refreshToken).toMatch(/^asana-rt-/);
    await must(engine.core.invokeAsync('connection.remove', { id: result.value.id }));
    expect(asana.revoked).toEqual([tokens.refreshToken]);
    expect(await secrets.get(`connection-${String(result.value.id)}`)).toBeNull();
  });

  it('Jira Cloud 3LO: client secret from policy, cloud id from accessible-resources, rotating refresh stored before use', async () => {
    const { started, result } = await signIn('jira');
    const url = new URL(started.url);
    expect(url.searchParams.get('audience')).toBe('api.atlassian.com');
    expect(url.searchParams.has('code_challenge')).toBe(false);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ provider: 'jira', auth: 'oauth', site: 'https://acme.atlassian.net', accountId: '712020:user-1' });
    const id = result.value.id;
    const { authorization, record } = await engine.core.connections.authorize(id);
    expect(record.baseUrl).toBe(`${atlassian.baseUrl}/ex/jira/11111111-2222-3333-4444-555555555555`);
    const before = await storedTokens(id);
    atlassian.oauth.expireAccessTokens();
    expect(await engine.core.connections.unauthorized(id, authorization, 401)).toBe('retry');
    const after = await storedTokens(id);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await must(engine.core.invokeAsync('connection.check', { id }))).state).toBe('ok');
    // Within Atlassian's reuse window the old refresh token still works once; outside it, a reuse (here by someone
    // else: Clockhand never reuses one) revokes the whole family: our next refresh gets 403 invalid_grant.
    const replay = { client_id: APPS.jira.clientId, client_secret: APPS.jira.clientSecret, refresh_token: before.refreshToken ?? '' };
    expect(atlassian.oauth.refresh(replay, Date.now() + 11 * 60_000).ok).toBe(false);
    // The stored access token is now due (as an hour later): the proactive refresh gets invalid_grant.
    await secrets.set(`connection-${String(id)}`, JSON.stringify({ ...after, expiresAt: 0 }));
    await expect(engine.core.connections.authorize(id)).rejects.toMatchObject({ state: 'needs_reauth' });
    expect(engine.core.connections.list().find((c) => c.id === id)).toMatchObject({
      state: 'needs_reauth',
      stateReason: 'sign in again: Atlassian refused the grant (invalid_grant)',
    });

    // Two sites and no --site: the user must choose; nothing is stored.
    atlassian.sites = [...atlassian.sites, { id: '99999999-0000-0000-0000-000000000000', url: 'https://beta.atlassian.net', name: 'beta' }];
    const count = engine.core.connections.list().length;
    const ambiguous = await signIn('jira');
    expect(ambiguous.result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/choose the Jira site with --site/) as unknown },
    });
    expect(engine.core.connections.list()).toHaveLength(count);
    const chosen = await signIn('jira', 'https://beta.atlassian.net');
    expect(chosen.result).toMatchObject({ ok: true, value: { site: 'https://beta.atlassian.net' } });
  });

  it('refuses a wrong state and keeps waiting for the real one; times out after the sign-in window', async () => {
    const started = await must(engine.core.invokeAsync('connection.oauth.begin', { provider: 'slack' }));
    const finished = engine.core.invokeAsync('connection.oauth.finish', { flow: started.flow });
    const redirect = await visit(started.url);
    const forged = (redirect.location ?? '').replace(/state=[^&]+/, 'state=forged');
    const refused = await visit(forged);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('did not match');
    expect((await visit(redirect.location ?? '')).status).toBe(200);
    expect((await finished).ok).toBe(true);

    const quick = start(300);
    try {
      const begun = await must(quick.core.invokeAsync('connection.oauth.begin', { provider: 'teams' }));
      const timedOut = await quick.core.invokeAsync('connection.oauth.finish', { flow: begun.flow });
      expect(timedOut).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Microsoft sign-in timed out/) as unknown } });
      await expect(visit(new URL(begun.url).searchParams.get('redirect_uri') ?? '')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      quick.close();
    }
  });

  it('cancel closes the listener and ends a waiting finish as cancelled; a denied consent is an error naming it', async () => {
    const started = await must(engine.core.invokeAsync('connection.oauth.begin', { provider: 'slack' }));
    const finished = engine.core.invokeAsync('connection.oauth.finish', { flow: started.flow });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await engine.core.invokeAsync('connection.oauth.cancel', { flow: started.flow })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await finished).toEqual({ ok: false, error: { code: 'conflict', message: 'the Slack sign-in was cancelled' } });
    await expect(visit(new URL(started.url).searchParams.get('redirect_uri') ?? '')).rejects.toThrow(/ECONNREFUSED/);
    expect(await engine.core.invokeAsync('connection.oauth.cancel', { flow: started.flow })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    expect(await engine.core.invokeAsync('connection.oauth.cancel', { flow: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const denied = await must(engine.core.invokeAsync('connection.oauth.begin', { provider: 'asana' }));
    const refused = engine.core.invokeAsync('connection.oauth.finish', { flow: denied.flow });
    const query = new URL(denied.url).searchParams;
    const back = await visit(
      `${query.get('redirect_uri') ?? ''}?error=access_denied&state=${encodeURIComponent(query.get('state') ?? '')}`,
    );
    expect(back.body).toContain('Sign-in cancelled');
    expect(await refused).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'the Asana sign-in was denied: the provider answered access_denied' },
    });
  });

  it('a browser that comes back before the face asks for the result still completes the sign-in', async () => {
    const started = await must(engine.core.invokeAsync('connection.oauth.begin', { provider: 'asana' }));
    expect((await playBrowser(started.url)).callback?.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await engine.core.invokeAsync('connection.oauth.finish', { flow: started.flow })).toMatchObject({
      ok: true,
      value: { provider: 'asana' },
    });
  });

  it('bad token responses, HTML pages, huge bodies and redirects are clear errors; nothing is stored', async () => {
    const count = engine.core.connections.list().length;
    const accounts = await secrets.accounts();
    const cases: [string, RegExp][] = [
      ['malformed', /Asana's token endpoint answered HTTP 200 with JSON without a usable access token/],
      ['FAULT-HTML', /Asana's token endpoint answered HTTP 502 with an HTML page/],
      ['FAULT-HUGE', /larger than 5 MiB/],
      ['FAULT-REDIRECT', /does not follow redirects/],
    ];
    for (const [fault, message] of cases) {
      asana.tokenFault = fault;
      const { result } = await signIn('asana');
      expect(result.ok, fault).toBe(false);
      if (!result.ok) expect(result.error.message, fault).toMatch(message);
    }
    asana.tokenFault = null;
    expect(engine.core.connections.list()).toHaveLength(count);
    expect(await secrets.accounts()).toEqual(accounts);
  });

  it('policy: integrations.allowed, the organization app and the Slack workspaces are enforced, naming the policy', async () => {
    engine.policy.set({ version: 1, integrations: { allowed: ['jira', 'asana'], slack: { oauth: APPS.slack } } });
    engine.core.tracker.policy.refresh();
    const refused = await engine.core.invokeAsync('connection.oauth.begin', { provider: 'slack' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    if (!refused.ok)
      expect(refused.error.message).toBe(
        'Slack connections are not allowed: integrations.allowed permits only jira, asana (machine policy /etc/clockhand/policies.json)',
      );
    const noApp = await engine.core.invokeAsync('connection.oauth.begin', { provider: 'asana' });
    if (noApp.ok) throw new Error('expected a refusal');
    expect(noApp.error.message).toMatch(/an administrator sets integrations\.asana\.oauth/);

    engine.policy.set({ version: 1, integrations: { jira: { oauth: APPS.jira, sites: ['https://other.atlassian.net'] } } });
    engine.core.tracker.policy.refresh();
    const site = await engine.core.invokeAsync('connection.oauth.begin', { provider: 'jira', site: 'https://acme.atlassian.net' });
    if (site.ok) throw new Error('expected a refusal');
    expect(site.error.message).toMatch(
      /the Jira site https:\/\/acme\.atlassian\.net is not allowed: integrations\.jira\.sites lists https:\/\/other\.atlassian\.net/,
    );
    atlassian.sites = atlassian.sites.slice(0, 1);
    const anySite = await signIn('jira'); // the account's only site is checked after sign-in too
    expect(anySite.result).toMatchObject({ ok: false, error: { code: 'policy_locked' } });

    engine.policy.set({ version: 1, integrations: { slack: { oauth: APPS.slack, workspaces: ['T0999'] } } });
    engine.core.tracker.policy.refresh();
    const count = engine.core.connections.list().length;
    const revokedBefore = slack.revoked.length;
    const { result } = await signIn('slack');
    expect(result).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    if (!result.ok)
      expect(result.error.message).toMatch(
        /the Slack workspace Acme \(T0001\) is not allowed: integrations\.slack\.workspaces lists T0999/,
      );
    expect(engine.core.connections.list()).toHaveLength(count);
    expect(slack.revoked.length).toBe(revokedBefore + 1); // the tokens just issued were given back
  });
});
