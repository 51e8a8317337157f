import { bearerOf, sendJson, startFakeServer, type FakeServer } from './fake-http';
import { FakeOAuth, fieldsOf } from './fake-oauth';

export interface FakeSite {
  readonly id: string;
  readonly url: string;
  readonly name: string;
}

export type FakeAtlassian = FakeServer & { readonly oauth: FakeOAuth; sites: FakeSite[] };

/**
 * Atlassian 3LO on 127.0.0.1 (auth.atlassian.com and api.atlassian.com in one): /authorize (no PKCE; client secret
 * required at /oauth/token, JSON body), rotating refresh tokens with a reuse window after which the family dies
 * (403 invalid_grant), /oauth/token/accessible-resources, and /ex/jira/<cloud id>/rest/api/3/myself.
 */
export async function startFakeAtlassian(
  client: { clientId: string; clientSecret: string },
  sites: FakeSite[],
  reuseWindowMs = 10 * 60_000,
): Promise<FakeAtlassian> {
  const oauth = new FakeOAuth({
    ...client,
    pkce: false,
    rotation: 'rotate-window',
    reuseWindowMs,
    accessTtlSeconds: 3600,
    prefix: 'eyJraWQi.atl',
  });
  const state = { sites };
  const server = await startFakeServer((request, response) => {
    if (request.method === 'GET' && request.path === '/authorize') {
      if (request.query.get('audience') !== 'api.atlassian.com') {
        response.writeHead(400).end('audience=api.atlassian.com is required');
        return;
      }
      const answer = oauth.authorize(request.query);
      response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location }).end(answer.text ?? '');
      return;
    }
    if (request.method === 'POST' && request.path === '/oauth/token') {
      if (!request.contentType.includes('application/json')) {
        sendJson(response, 415, { error: 'unsupported_media_type' });
        return;
      }
      const fields = fieldsOf(request.contentType, request.body);
      const outcome = fields.grant_type === 'refresh_token' ? oauth.refresh(fields) : oauth.exchange(fields);
      if (!outcome.ok) {
        sendJson(response, outcome.error === 'invalid_grant' ? 403 : 401, { error: outcome.error, error_description: outcome.description });
        return;
      }
      sendJson(response, 200, {
        access_token: outcome.accessToken,
        refresh_token: outcome.refreshToken,
        expires_in: outcome.expiresIn,
        token_type: 'Bearer',
        scope: 'read:jira-work write:jira-work read:jira-user offline_access',
      });
      return;
    }
    const user = oauth.userOf(bearerOf(request));
    if (user === null) {
      sendJson(response, 401, { code: 401, message: 'Unauthorized' });
      return;
    }
    if (request.method === 'GET' && request.path === '/oauth/token/accessible-resources') {
      sendJson(
        response,
        200,
        state.sites.map((site) => ({
          ...site,
          scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user'],
          avatarUrl: 'https://example.invalid/a.png',
        })),
      );
      return;
    }
    const myself = /^\/ex\/jira\/([^/]+)\/rest\/api\/3\/myself$/.exec(request.path);
    if (request.method === 'GET' && myself !== null && state.sites.some((site) => site.id === myself[1])) {
      sendJson(response, 200, { accountId: `712020:${user}`, displayName: 'Ada Lovelace', active: true });
      return;
    }
    sendJson(response, 404, { errorMessages: [`no fake for ${request.method} ${request.path}`] });
  });
  return {
    ...server,
    oauth,
    get sites() {
      return state.sites;
    },
    set sites(value) {
      state.sites = value;
    },
  };
}
