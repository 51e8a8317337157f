import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import { InMemoryConnectionRepository } from '../../../test/fakes/in-memory-connection-repository';
import { InMemorySecretStore } from '../../../test/fakes/in-memory-secret-store';
import { DomainError } from '../errors';
import type { EndpointRules } from '../ports/endpoint-rules';
import type { HttpClient, HttpRequest } from '../ports/http-client';
import { silentLogger } from '../ports/logger';
import { SecretStoreUnavailableError } from '../ports/secret-store';
import { ConnectionService, ConnectionUnusableError } from './connection-service';

/** Vendors answering "who am I" for the tokens they know (a fake of the HttpClient port). */
function vendors(valid: ReadonlySet<string>): HttpClient & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const answer = (status: number, body: unknown) =>
    Promise.resolve({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    sent,
    request: (request) => {
      sent.push(request);
      const auth = request.headers?.authorization ?? '';
      if (![...valid].some((token) => auth === `Bearer ${token}` || auth === `Basic ${btoa(`ada@example.com:${token}`)}`))
        return answer(401, {});
      if (request.url.endsWith('/rest/api/3/myself')) return answer(200, { accountId: '557058:ada', displayName: 'Ada' });
      if (request.url.endsWith('/globalconfiguration')) return answer(200, { weekStart: 'MONDAY' });
      if (request.url.endsWith('/users/me')) return answer(200, { data: { gid: '1201', name: 'Ada L.', email: 'ada@example.com' } });
      return answer(404, {});
    },
  };
}

const endpoints: EndpointRules = {
  resolve: (_provider, requested) => ({ ok: true, site: requested, baseUrl: requested }),
  known: (_provider, known) => known,
  webhook: (requested) => ({
    ok: true,
    site: 'https://prod-1.westeurope.logic.azure.com',
    baseUrl: 'https://proxy.example.com',
    url: requested,
  }),
};

function service(secrets = new InMemorySecretStore(), tokens = new Set(['jira-token', 'tempo-token', 'asana-pat'])) {
  const repository = new InMemoryConnectionRepository();
  const http = vendors(tokens);
  return {
    service: new ConnectionService(repository, secrets, http, endpoints, new FakeTime(Date.UTC(2026, 10, 25)), silentLogger),
    repository,
    secrets,
    http,
  };
}

describe('ConnectionService.authorize / unauthorized: what sync workers get per provider', () => {
  it('gives the Authorization header, base URL and account id each provider needs', async () => {
    const { service: connections } = service();
    const jira = await connections.connect({
      provider: 'jira',
      site: 'https://acme.atlassian.net',
      email: 'ada@example.com',
      token: 'jira-token',
    });
    const tempo = await connections.connect({ provider: 'tempo', token: 'tempo-token' });
    const asana = await connections.connect({ provider: 'asana', token: 'asana-pat' });
    const webhook = 'https://prod-1.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cr3t';
    const teams = await connections.connect({ provider: 'teams', webhookUrl: webhook });

    expect(await connections.authorize(jira.id)).toMatchObject({
      authorization: `Basic ${btoa('ada@example.com:jira-token')}`,
      record: { baseUrl: 'https://acme.atlassian.net', accountId: '557058:ada' },
    });
    expect(await connections.authorize(tempo.id)).toMatchObject({
      authorization: 'Bearer tempo-token',
      record: { baseUrl: 'https://api.tempo.io/4', accountId: '557058:ada', site: 'https://acme.atlassian.net' },
    });
    expect(await connections.authorize(asana.id)).toMatchObject({
      authorization: 'Bearer asana-pat',
      record: { baseUrl: 'https://app.asana.com/api/1.0', accountId: '1201' },
    });
    // A webhook's "authorization" is the URL to POST to (moved to CLOCKHAND_ENDPOINTS' origin when set).
    expect((await connections.authorize(teams.id)).authorization).toBe(
      'https://proxy.example.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cr3t',
    );
  });

  it('a 401 to a token connection means needs_reauth; later authorize() refuses without a request', async () => {
    const { service: connections, http } = service();
    const asana = await connections.connect({ provider: 'asana', token: 'asana-pat' });
    expect(await connections.unauthorized(asana.id, 'Bearer asana-pat', 401)).toBe('needs_reauth');
    const sent = http.sent.length;
    await expect(connections.authorize(asana.id)).rejects.toMatchObject({ state: 'needs_reauth' });
    expect(http.sent.length).toBe(sent);
    expect(connections.list()[0]).toMatchObject({
      state: 'needs_reauth',
      stateReason: 'the server refused the stored credentials (HTTP 401)',
    });
  });

  it('a missing keychain entry is needs_reauth; an unreadable keychain is unavailable', async () => {
    const secrets = new InMemorySecretStore();
    const { service: connections } = service(secrets);
    const asana = await connections.connect({ provider: 'asana', token: 'asana-pat' });
    const get = secrets.get.bind(secrets);
    secrets.get = () => Promise.reject(new SecretStoreUnavailableError('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    await expect(connections.authorize(asana.id)).rejects.toMatchObject({ state: 'unavailable' });
    expect(connections.list()[0]?.state).toBe('unavailable');
    secrets.get = get; // the keychain is back: the next use says ok again
    expect((await connections.authorize(asana.id)).record.state).toBe('ok');
    expect(connections.list()[0]?.state).toBe('ok');
    // A token read once stays in memory (the keychain is not asked per request); a check reads it again.
    secrets.get = () => Promise.resolve(null);
    expect((await connections.authorize(asana.id)).authorization).toBe('Bearer asana-pat');
    await connections.check(asana.id);
    const error: unknown = await connections.authorize(asana.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionUnusableError);
    expect(error).toMatchObject({ state: 'needs_reauth', message: 'the credentials are missing from the keychain' });
  });

  it('a 401 to a token connection raises one notification, not one per refused request', async () => {
    const { service: connections } = service();
    const notices: string[] = [];
    connections.useNotifier({ notify: (n) => notices.push(`${n.title} | ${n.body}`) });
    const asana = await connections.connect({ provider: 'asana', token: 'asana-pat' });
    expect(await connections.unauthorized(asana.id, 'Bearer asana-pat', 401)).toBe('needs_reauth');
    expect(await connections.unauthorized(asana.id, 'Bearer asana-pat', 401)).toBe('needs_reauth');
    expect(notices).toEqual([
      'Sign in to Asana again | Clockhand cannot reach https://app.asana.com with the stored credentials; time for it waits until you reconnect (clockhand connect asana).',
    ]);
  });

  it('without a keychain nothing is connected, with a clear reason', async () => {
    const secrets = new InMemorySecretStore();
    secrets.check = () => Promise.resolve({ available: false, reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY' });
    const { service: connections, http } = service(secrets);
    await expect(connections.connect({ provider: 'asana', token: 'asana-pat' })).rejects.toThrow(
      'Asana needs the OS keychain, which is not available (Cannot autolaunch D-Bus without X11 $DISPLAY); nothing was stored',
    );
    expect(http.sent).toHaveLength(0);
    expect(connections.list()).toHaveLength(0);
  });

  it('Tempo needs exactly one Jira Cloud connection or --jira; a refused token stores nothing', async () => {
    const { service: connections, secrets } = service();
    await expect(connections.connect({ provider: 'tempo', token: 'tempo-token' })).rejects.toThrow(/needs a Jira Cloud connection first/);
    await connections.connect({ provider: 'jira', site: 'https://a.atlassian.net', email: 'ada@example.com', token: 'jira-token' });
    await connections.connect({ provider: 'jira', site: 'https://b.atlassian.net', email: 'ada@example.com', token: 'jira-token' });
    await expect(connections.connect({ provider: 'tempo', token: 'tempo-token' })).rejects.toThrow(
      'choose the Jira Cloud connection for Tempo with --jira <id> (#1 https://a.atlassian.net, #2 https://b.atlassian.net)',
    );
    await expect(connections.connect({ provider: 'tempo', token: 'nope', jiraConnectionId: 2 })).rejects.toBeInstanceOf(DomainError);
    expect(connections.list()).toHaveLength(2);
    expect(await secrets.accounts()).toEqual(['connection-1', 'connection-2']);
    expect(await connections.connect({ provider: 'tempo', token: 'tempo-token', jiraConnectionId: 2 })).toMatchObject({
      site: 'https://b.atlassian.net',
    });
  });
});
