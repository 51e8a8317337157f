import { bearerOf, sendJson, startFakeServer, type FakeServer } from './fake-http';
import { FakeOAuth, fieldsOf } from './fake-oauth';
import { fakeTeamsMessages, type FakeTeamsMessages } from './fake-teams-messages';

export type FakeMicrosoft = FakeServer & { readonly oauth: FakeOAuth; readonly teams: FakeTeamsMessages };

/**
 * The Microsoft identity platform for a public client (PKCE, no secret; every refresh returns a new refresh token
 * and old ones stay valid) at /<tenant>/oauth2/v2.0/{authorize,token}, Graph /v1.0/me, and the channel messages and
 * Workflows webhook of fake-teams-messages.ts.
 */
export async function startFakeMicrosoft(clientId: string, tenant = 'organizations', accessTtlSeconds = 4500): Promise<FakeMicrosoft> {
  const oauth = new FakeOAuth({ clientId, pkce: true, rotation: 'replace', accessTtlSeconds, prefix: 'eyJ0eXAi.ms' });
  const teams = await fakeTeamsMessages();
  const server = await startFakeServer(async (request, response) => {
    if (await teams.handle(request, response, request.path.startsWith('/v1.0/') ? oauth.userOf(bearerOf(request)) : null)) return;
    if (request.method === 'GET' && request.path === `/${tenant}/oauth2/v2.0/authorize`) {
      if (!(request.query.get('scope') ?? '').split(' ').includes('offline_access')) {
        response.writeHead(400).end('offline_access is needed for a refresh token');
        return;
      }
      const answer = oauth.authorize(request.query);
      response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location }).end(answer.text ?? '');
      return;
    }
    if (request.method === 'POST' && request.path === `/${tenant}/oauth2/v2.0/token`) {
      const fields = fieldsOf(request.contentType, request.body);
      if ('client_secret' in fields) {
        sendJson(response, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS700025: Client is public so neither client_assertion nor client_secret should be presented.',
        });
        return;
      }
      const outcome = fields.grant_type === 'refresh_token' ? oauth.refresh(fields) : oauth.exchange(fields);
      if (!outcome.ok) {
        sendJson(response, 400, { error: outcome.error, error_description: `AADSTS70008: ${outcome.description}` });
        return;
      }
      sendJson(response, 200, {
        token_type: 'Bearer',
        scope: fields.scope,
        expires_in: outcome.expiresIn,
        ext_expires_in: outcome.expiresIn,
        access_token: outcome.accessToken,
        refresh_token: outcome.refreshToken,
        id_token: 'eyJhbGciOiJub25lIn0.e30.',
      });
      return;
    }
    if (request.method === 'GET' && request.path === '/v1.0/me') {
      const user = oauth.userOf(bearerOf(request));
      if (user === null) {
        sendJson(response, 401, {
          error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' },
        });
        return;
      }
      sendJson(response, 200, { id: `${user}-oid`, displayName: 'Grace Hopper', userPrincipalName: 'grace@contoso.com' });
      return;
    }
    sendJson(response, 404, { error: { code: 'NotFound', message: `no fake for ${request.method} ${request.path}` } });
  });
  return { ...server, oauth, teams };
}
