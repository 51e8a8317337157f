import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import { InMemoryConnectionRepository } from '../../../test/fakes/in-memory-connection-repository';
import { InMemorySecretStore } from '../../../test/fakes/in-memory-secret-store';
import { FakePolicySource, InMemoryPolicyState, InMemoryUserSettings } from '../../../test/fakes/fake-policy';
import { ConnectionService, MAX_CACHED_SECRETS, MAX_CONNECTIONS } from '../integrations/connection-service';
import { connectionPolicyOf } from '../integrations/connection-policy-from-settings';
import { MAX_PENDING_SIGN_INS, OAuthSignIn } from '../integrations/oauth/oauth-sign-in';
import { Redactor, MAX_REMEMBERED_SECRETS, REDACTED } from '../logging/redactor';
import { PolicyService } from '../policy/policy-service';
import type { EndpointRules } from '../ports/endpoint-rules';
import type { HttpClient, HttpRequest } from '../ports/http-client';
import { silentLogger } from '../ports/logger';
import type { OAuthBrowser, PendingSignIn } from '../ports/oauth-browser';
import { MAX_ASSIGNED_TASKS, searchAssignedIssues } from '../sync/jira-task-search';
import { searchAsanaAssigned } from '../sync/asana-task-search';
import { BoundedMap } from './bounded-map';
import { MAX_REMEMBERED_KEYS, NotificationGate } from '../notifications/notification-gate';
import type { Notification } from '../ports/notifier';

const endpoints: EndpointRules = {
  resolve: (_provider, requested) => ({ ok: true, site: requested, baseUrl: requested }),
  known: (_provider, known) => known,
  webhook: (requested) => ({ ok: true, site: requested, baseUrl: requested, url: requested }),
};

/** Asana answering /users/me with a user per token ("pat-N" is user N). */
const asanaPerToken: HttpClient = {
  request: (request: HttpRequest) => {
    const n = /Bearer pat-(\d+)/.exec(request.headers?.authorization ?? '')?.[1];
    const body = n === undefined ? {} : { data: { gid: `12${n}`, name: `User ${n}`, email: `u${n}@example.com` } };
    return Promise.resolve({
      status: n === undefined ? 401 : 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  },
};

describe('bounded structures: each is driven past its cap', () => {
  it('BoundedMap evicts the least recently used entry past its cap and says which', () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(3, (key) => evicted.push(key));
    for (const key of ['a', 'b', 'c']) map.set(key, 1);
    map.get('a');
    for (let i = 0; i < 100; i += 1) map.set(`k${String(i)}`, i);
    expect(map.size).toBe(3);
    expect([...map.keys()]).toEqual(['k97', 'k98', 'k99']);
    expect(evicted.slice(0, 3)).toEqual(['b', 'c', 'a']);
    expect(() => new BoundedMap(0)).toThrow(/cap/);
  });

  it('the log redactor remembers at most MAX_REMEMBERED_SECRETS secrets, the newest', () => {
    const redactor = new Redactor();
    for (let i = 0; i < MAX_REMEMBERED_SECRETS + 100; i += 1) redactor.remember(`plain-secret-${String(i)}`);
    expect(redactor.rememberedCount).toBe(MAX_REMEMBERED_SECRETS);
    const newest = `plain-secret-${String(MAX_REMEMBERED_SECRETS + 99)}`;
    expect(redactor.text(`leaked ${newest} here`)).toBe(`leaked ${REDACTED} here`);
    expect(redactor.text('x'.repeat(50_000)).length).toBeLessThan(2_100);
  });

  it('connections stop at MAX_CONNECTIONS; the in-memory secret cache holds at most MAX_CACHED_SECRETS', async () => {
    const secrets = new InMemorySecretStore();
    const connections = new ConnectionService(
      new InMemoryConnectionRepository(),
      secrets,
      asanaPerToken,
      endpoints,
      new FakeTime(Date.UTC(2026, 10, 25)),
      silentLogger,
    );
    const ids: number[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i += 1) ids.push((await connections.connect({ provider: 'asana', token: `pat-${String(i)}` })).id);
    await expect(connections.connect({ provider: 'asana', token: 'pat-999' })).rejects.toMatchObject({ code: 'conflict' });
    expect(MAX_CACHED_SECRETS).toBeLessThan(MAX_CONNECTIONS);
    for (const id of ids) await connections.authorize(id);
    expect(connections.cachedSecrets).toBe(MAX_CACHED_SECRETS);
    // An evicted secret is read from the keychain again.
    expect((await connections.authorize(ids[0] ?? 0)).authorization).toBe('Bearer pat-0');
    expect(connections.cachedSecrets).toBe(MAX_CACHED_SECRETS);
  });

  it('browser sign-ins waiting at once stop at MAX_PENDING_SIGN_INS: the oldest is cancelled', async () => {
    const time = new FakeTime(Date.UTC(2026, 10, 25));
    const machine = new FakePolicySource('machine');
    machine.set({ version: 1, integrations: { slack: { oauth: { clientId: 'slack-app' } } } });
    const policy = new PolicyService([machine], new InMemoryPolicyState(), new InMemoryUserSettings(), time, silentLogger);
    policy.refresh();
    const secrets = new InMemorySecretStore();
    const connections = new ConnectionService(new InMemoryConnectionRepository(), secrets, asanaPerToken, endpoints, time, silentLogger);
    const cancelled: string[] = [];
    let n = 0;
    const browser: OAuthBrowser = {
      begin: () => {
        n += 1;
        const url = `http://127.0.0.1:1/${String(n)}`;
        const pending: PendingSignIn = {
          url,
          redirectUri: 'http://127.0.0.1:1/callback',
          verifier: 'v',
          code: new Promise<string>(() => undefined),
          cancel: () => cancelled.push(url),
        };
        return Promise.resolve(pending);
      },
    };
    const deps = {
      connections,
      secrets,
      http: asanaPerToken,
      endpoints,
      policy: connectionPolicyOf(policy),
      clock: time,
      logger: silentLogger,
    };
    const signIn = new OAuthSignIn(deps, browser);
    const flows: string[] = [];
    for (let i = 0; i < MAX_PENDING_SIGN_INS + 4; i += 1) flows.push((await signIn.begin('slack')).flow);
    expect(cancelled).toEqual(['http://127.0.0.1:1/1', 'http://127.0.0.1:1/2', 'http://127.0.0.1:1/3', 'http://127.0.0.1:1/4']);
    await expect(signIn.finish(flows[0] ?? '')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('assigned-task searches keep at most MAX_ASSIGNED_TASKS, however much a server sends', async () => {
    const sent: string[] = [];
    const huge: HttpClient = {
      request: (request) => {
        sent.push(request.url);
        const issues = Array.from({ length: 400 }, (_, i) => ({ key: `P-${String(sent.length * 1000 + i)}`, fields: { summary: 's' } }));
        const jira = { issues, nextPageToken: `t${String(sent.length)}`, isLast: false };
        const asana = request.url.includes('/users/me')
          ? { data: { gid: '1', workspaces: Array.from({ length: 20 }, (_, i) => ({ gid: String(i), name: `w${String(i)}` })) } }
          : {
              data: Array.from({ length: 100 }, (_, i) => ({ gid: `${String(sent.length)}${String(i)}`, name: 't' })),
              next_page: { offset: 'o' },
            };
        const body = request.url.includes('atlassian') ? jira : asana;
        return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      },
    };
    const access = { baseUrl: 'https://acme.atlassian.net', authorization: 'Bearer x', flavour: 'cloud' as const, accountId: null };
    const jira = await searchAssignedIssues(huge, access, () => 0, 1_000);
    expect(jira.kind === 'tasks' ? jira.tasks.length : -1).toBe(MAX_ASSIGNED_TASKS);
    const asana = await searchAsanaAssigned(huge, { ...access, baseUrl: 'https://app.asana.com/api/1.0' }, () => 0, 1_000);
    expect(asana.kind === 'tasks' ? asana.tasks.length : -1).toBe(MAX_ASSIGNED_TASKS);
  });

  it('the notification gate remembers at most MAX_REMEMBERED_KEYS keys for deduplication', () => {
    const time = new FakeTime(Date.UTC(2026, 10, 25));
    const shown: Notification[] = [];
    const gate = new NotificationGate({ notify: (n) => shown.push(n) }, time, silentLogger);
    for (let i = 0; i < MAX_REMEMBERED_KEYS + 200; i += 1) {
      gate.notify({ kind: 'reconnect-needed', key: `reconnect:${String(i)}`, title: 't', body: 'b' });
      time.advance(1_000);
    }
    expect(shown).toHaveLength(MAX_REMEMBERED_KEYS + 200);
    expect(gate.rememberedKeys).toBe(MAX_REMEMBERED_KEYS);
    // The newest key is still deduplicated.
    gate.notify({ kind: 'reconnect-needed', key: `reconnect:${String(MAX_REMEMBERED_KEYS + 199)}`, title: 't', body: 'b' });
    expect(shown).toHaveLength(MAX_REMEMBERED_KEYS + 200);
  });
});
