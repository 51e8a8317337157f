import { z } from 'zod';
import { DomainError } from '../../errors';
import { callVendor, describeAnswer } from '../vendor-http';
import { parseTokenAnswer } from './token-response';
import { postToken, type OAuthContext, type OAuthProvider } from './oauth-provider';

const LOGIN = 'https://login.microsoftonline.com';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const SCOPES = [
  'offline_access',
  'openid',
  'profile',
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/ChannelMessage.Send',
  'https://graph.microsoft.com/ChatMessage.Send',
];
const meSchema = z.object({
  id: z.string().min(1).max(200),
  displayName: z.string().max(200).nullish(),
  userPrincipalName: z.string().max(320).nullish(),
});

/**
 * Microsoft identity platform as a public client: PKCE S256, loopback redirect, no client secret; a new refresh
 * token on every refresh (old ones are not revoked); Graph /me as the health check. No revoke for public clients.
 */
export const microsoftOAuth: OAuthProvider = {
  name: 'teams',
  vendor: 'Microsoft',
  secretRequired: false,
  authorization: (ctx) => ({
    endpoint: `${login(ctx)}/oauth2/v2.0/authorize`,
    scopes: SCOPES,
    extra: { response_mode: 'query', prompt: 'select_account' },
    pkce: true,
  }),
  exchange: async (ctx, code, redirectUri, verifier) =>
    parseTokenAnswer(
      'Microsoft',
      await postToken(ctx, 'Microsoft', `${login(ctx)}/oauth2/v2.0/token`, {
        client_id: ctx.client.clientId,
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier ?? undefined,
        scope: SCOPES.join(' '),
      }),
      ctx.now(),
    ),
  refresh: async (ctx, refreshToken) =>
    parseTokenAnswer(
      'Microsoft',
      await postToken(ctx, 'Microsoft', `${login(ctx)}/oauth2/v2.0/token`, {
        client_id: ctx.client.clientId,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        scope: SCOPES.join(' '),
      }),
      ctx.now(),
    ),
  connection: async (ctx, tokens) => {
    const me = await graphMe(ctx, tokens.accessToken);
    return {
      site: `${LOGIN}/${ctx.tenant}`,
      baseUrl: ctx.endpoints.known('teams', GRAPH),
      identity: { accountId: me.id, accountName: me.displayName ?? null, login: me.userPrincipalName ?? null },
    };
  },
  check: async (ctx, _record, accessToken) => {
    await graphMe(ctx, accessToken);
  },
  revoke: () => Promise.resolve(),
};

function login(ctx: OAuthContext): string {
  if (!/^[A-Za-z0-9.-]{1,200}$/.test(ctx.tenant))
    throw new DomainError('invalid_input', 'integrations.teams.tenant is not a tenant id or domain');
  return `${ctx.endpoints.known('teams', LOGIN)}/${ctx.tenant}`;
}

async function graphMe(ctx: OAuthContext, accessToken: string): Promise<z.infer<typeof meSchema>> {
  const answer = await callVendor(ctx.http, 'Microsoft Graph', {
    method: 'GET',
    url: `${ctx.endpoints.known('teams', GRAPH)}/me`,
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (answer.status === 401 || answer.status === 403) {
    throw new DomainError('invalid_input', `Microsoft Graph refused the token (HTTP ${String(answer.status)})`);
  }
  const me = meSchema.safeParse(answer.json);
  if (answer.status !== 200 || !me.success)
    throw new DomainError('unavailable', `Microsoft Graph answered /me with ${describeAnswer(answer)}`);
  return me.data;
}
