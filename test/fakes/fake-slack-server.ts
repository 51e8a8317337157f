import { bearerOf, sendJson, startFakeServer, type FakeServer } from './fake-http';
import { FakeOAuth, fieldsOf } from './fake-oauth';
import { fakeSlackMessages, type FakeSlackMessages } from './fake-slack-messages';

export type FakeSlack = FakeServer & {
  readonly oauth: FakeOAuth;
  readonly revoked: string[];
  team: { id: string; name: string };
  /** chat.postMessage, chat.update, conversations.history: the channel's messages, faults, request checks. */
  readonly chat: FakeSlackMessages;
};

/**
 * Slack on 127.0.0.1: /oauth/v2/authorize (PKCE), /api/oauth.v2.access (code and refresh grants; every refresh
 * rotates both tokens and revokes the old refresh token; errors as HTTP 200 {ok:false}), /api/auth.test,
 * /api/auth.revoke, and the messaging methods of fake-slack-messages.ts.
 */
export async function startFakeSlack(clientId: string): Promise<FakeSlack> {
  const oauth = new FakeOAuth({ clientId, pkce: true, rotation: 'rotate', accessTtlSeconds: 43200, prefix: 'xoxe.xoxp-1' });
  const revoked: string[] = [];
  const chat = fakeSlackMessages();
  const state = { team: { id: 'T0001', name: 'Acme' } };
  const server = await startFakeServer((request, response) => {
    if (request.method === 'GET' && request.path === '/oauth/v2/authorize') {
      if (!(request.query.get('user_scope') ?? '').split(',').includes('chat:write') || request.query.has('scope')) {
        response.writeHead(400).end('desktop apps get user scopes only');
        return;
      }
      const answer = oauth.authorize(request.query);
      response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location }).end(answer.text ?? '');
      return;
    }
    if (request.method === 'POST' && request.path === '/api/oauth.v2.access') {
      const fields = fieldsOf(request.contentType, request.body);
      if (fields.grant_type === 'refresh_token') {
        const outcome = oauth.refresh(fields);
        if (!outcome.ok)
          sendJson(response, 200, { ok: false, error: outcome.error === 'invalid_grant' ? 'invalid_refresh_token' : outcome.error });
        else
          sendJson(response, 200, {
            ok: true,
            access_token: outcome.accessToken,
            refresh_token: outcome.refreshToken,
            expires_in: outcome.expiresIn,
            token_type: 'user',
          });
        return;
      }
      const outcome = oauth.exchange(fields);
      if (!outcome.ok) {
        sendJson(response, 200, { ok: false, error: outcome.error === 'invalid_grant' ? 'invalid_code' : outcome.error });
        return;
      }
      sendJson(response, 200, {
        ok: true,
        app_id: 'A0001',
        team: state.team,
        enterprise: null,
        is_enterprise_install: false,
        authed_user: {
          id: outcome.user,
          scope: 'chat:write,channels:history,groups:history',
          access_token: outcome.accessToken,
          refresh_token: outcome.refreshToken,
          expires_in: outcome.expiresIn,
          token_type: 'user',
        },
      });
      return;
    }
    const token = bearerOf(request);
    const user = oauth.userOf(token);
    if (request.method === 'POST' && request.path === '/api/auth.revoke') {
      revoked.push(token);
      oauth.revoke(token);
      sendJson(response, 200, user === null ? { ok: false, error: 'invalid_auth' } : { ok: true, revoked: true });
      return;
    }
    if (request.method === 'POST' && request.path === '/api/auth.test') {
      if (user === null) {
        sendJson(response, 200, { ok: false, error: 'invalid_auth' });
        return;
      }
      sendJson(response, 200, {
        ok: true,
        url: 'https://acme.slack.com/',
        team: state.team.name,
        user: `${user}-name`,
        team_id: state.team.id,
        user_id: user,
      });
      return;
    }
    if (chat.handle(request, response, user, oauth.isExpired(token))) return;
    sendJson(response, 404, { ok: false, error: 'unknown_method' });
  });
  return {
    ...server,
    oauth,
    revoked,
    chat,
    get team() {
      return state.team;
    },
    set team(value) {
      state.team = value;
    },
  };
}
