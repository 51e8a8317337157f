import { identifyToken } from '../token-identities';
import { parseTokenAnswer } from './token-response';
import { postToken, type OAuthContext, type OAuthProvider } from './oauth-provider';

const ASANA = 'https://app.asana.com';

/**
 * Asana OAuth: authorization code + PKCE (the client secret is sent when the organization's app has one);
 * refreshes return a new access token and keep the refresh token; /users/me for the user gid; oauth_revoke on
 * disconnect.
 */
export const asanaOAuth: OAuthProvider = {
  name: 'asana',
  vendor: 'Asana',
  secretRequired: false,
  authorization: (ctx) => ({ endpoint: `${base(ctx)}/-/oauth_authorize`, scopes: ['default'], pkce: true }),
  exchange: async (ctx, code, redirectUri, verifier) =>
    parseTokenAnswer(
      'Asana',
      await postToken(ctx, 'Asana', `${base(ctx)}/-/oauth_token`, {
        grant_type: 'authorization_code',
        client_id: ctx.client.clientId,
        client_secret: ctx.client.clientSecret,
        redirect_uri: redirectUri,
        code,
        code_verifier: verifier ?? undefined,
      }),
      ctx.now(),
    ),
  refresh: async (ctx, refreshToken) =>
    parseTokenAnswer(
      'Asana',
      await postToken(ctx, 'Asana', `${base(ctx)}/-/oauth_token`, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: ctx.client.clientId,
        client_secret: ctx.client.clientSecret,
      }),
      ctx.now(),
    ),
  connection: async (ctx, tokens) => {
    const baseUrl = ctx.endpoints.known('asana', `${ASANA}/api/1.0`);
    const identity = await identifyToken(ctx.http, 'asana', baseUrl, null, tokens.accessToken);
    return { site: ASANA, baseUrl, identity };
  },
  check: async (ctx, record, accessToken) => {
    await identifyToken(ctx.http, 'asana', record.baseUrl, null, accessToken);
  },
  revoke: async (ctx, tokens) => {
    await postToken(ctx, 'Asana', `${base(ctx)}/-/oauth_revoke`, {
      client_id: ctx.client.clientId,
      client_secret: ctx.client.clientSecret,
      token: tokens.refreshToken ?? tokens.accessToken,
    });
  },
};

function base(ctx: OAuthContext): string {
  return ctx.endpoints.known('asana', ASANA);
}
