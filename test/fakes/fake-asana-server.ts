import { bearerOf, playFault, sendJson, startFakeServer, type FakeServer } from './fake-http';
import { FakeOAuth, fieldsOf } from './fake-oauth';

export interface FakeAsanaUser {
  readonly gid: string;
  readonly name: string;
  readonly email: string;
}

export type FakeAsana = FakeServer & { readonly oauth: FakeOAuth; readonly revoked: string[]; tokenFault: string | null };

/**
 * Asana on 127.0.0.1: /api/1.0/users/me (PAT or OAuth bearer, `data` envelope, `errors` on failure), and the OAuth
 * endpoints /-/oauth_authorize, /-/oauth_token (form; refresh keeps the refresh token), /-/oauth_revoke.
 */
export async function startFakeAsana(
  users: Readonly<Record<string, FakeAsanaUser>>,
  pats: Readonly<Record<string, string>>,
  client: { clientId: string; clientSecret: string },
): Promise<FakeAsana> {
  const oauth = new FakeOAuth({ ...client, pkce: true, rotation: 'none', accessTtlSeconds: 3600, prefix: 'asana' });
  const revoked: string[] = [];
  const faults: { token: string | null } = { token: null };
  const server = await startFakeServer((request, response) => {
    if (request.method === 'GET' && request.path === '/-/oauth_authorize') {
      const answer = oauth.authorize(request.query);
      response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location }).end(answer.text ?? '');
      return;
    }
    if (request.method === 'POST' && request.path === '/-/oauth_token') {
      if (faults.token === 'malformed') {
        sendJson(response, 200, { access_token: 42, token_type: 'bearer' });
        return;
      }
      if (faults.token !== null && playFault(faults.token, response)) return;
      const fields = fieldsOf(request.contentType, request.body);
      const outcome = fields.grant_type === 'refresh_token' ? oauth.refresh(fields) : oauth.exchange(fields);
      if (!outcome.ok) {
        sendJson(response, 400, { error: outcome.error, error_description: outcome.description });
        return;
      }
      const user = users[outcome.user];
      sendJson(response, 200, {
        access_token: outcome.accessToken,
        token_type: 'bearer',
        expires_in: outcome.expiresIn,
        ...(outcome.refreshToken !== null && { refresh_token: outcome.refreshToken }),
        data: { id: user?.gid, gid: user?.gid, name: user?.name, email: user?.email },
      });
      return;
    }
    if (request.method === 'POST' && request.path === '/-/oauth_revoke') {
      const fields = fieldsOf(request.contentType, request.body);
      revoked.push(fields.token ?? '');
      oauth.revoke(fields.token ?? '');
      response.writeHead(200).end();
      return;
    }
    const token = bearerOf(request);
    if (playFault(token, response)) return;
    const login: string | null = pats[token] ?? oauth.userOf(token);
    const user = login === null ? undefined : users[login];
    if (user === undefined) {
      sendJson(response, 401, { errors: [{ message: 'Not Authorized', help: 'For more information on API status codes...' }] });
      return;
    }
    if (request.method === 'GET' && request.path === '/api/1.0/users/me') {
      sendJson(response, 200, { data: { gid: user.gid, resource_type: 'user', name: user.name, email: user.email, workspaces: [] } });
      return;
    }
    sendJson(response, 404, { errors: [{ message: `no fake for ${request.method} ${request.path}` }] });
  });
  return {
    ...server,
    oauth,
    revoked,
    /** 'malformed', 'FAULT-HTML', 'FAULT-HUGE' or 'FAULT-REDIRECT': how the token endpoint misbehaves. */
    get tokenFault() {
      return faults.token;
    },
    set tokenFault(value) {
      faults.token = value;
    },
  };
}
