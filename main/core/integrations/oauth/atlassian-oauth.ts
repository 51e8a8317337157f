import { z } from 'zod';
import { DomainError } from '../../errors';
import { callVendor, describeAnswer } from '../vendor-http';
import { parseTokenAnswer } from './token-response';
import { postToken, type OAuthContext, type OAuthProvider } from './oauth-provider';

const AUTH = 'https://auth.atlassian.com';
const API = 'https://api.atlassian.com';
const SCOPES = ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'];
const resourcesSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
      url: z.string().regex(/^https:\/\/[A-Za-z0-9.-]+\/?$/),
      name: z.string().max(200).optional(),
    }),
  )
  .max(500);
const myselfSchema = z.object({ accountId: z.string().min(1).max(200), displayName: z.string().max(200).optional() });

/**
 * Jira Cloud OAuth 2.0 (3LO) with the organization's app (client id + secret from policy; Atlassian has no PKCE):
 * JSON token requests, rotating refresh tokens, the cloud id from accessible-resources, API calls on
 * https://api.atlassian.com/ex/jira/<cloud id>. Atlassian has no revoke endpoint for 3LO tokens.
 */
export const atlassianOAuth: OAuthProvider = {
  name: 'jira',
  vendor: 'Atlassian',
  secretRequired: true,
  authorization: (ctx) => ({
    endpoint: `${ctx.endpoints.known('jira', AUTH)}/authorize`,
    scopes: SCOPES,
    extra: { audience: 'api.atlassian.com', prompt: 'consent' },
    pkce: false,
    port: ctx.client.redirectPort,
  }),
  exchange: async (ctx, code, redirectUri) =>
    parseTokenAnswer(
      'Atlassian',
      await postToken(
        ctx,
        'Atlassian',
        `${ctx.endpoints.known('jira', AUTH)}/oauth/token`,
        {
          grant_type: 'authorization_code',
          client_id: ctx.client.clientId,
          client_secret: ctx.client.clientSecret,
          code,
          redirect_uri: redirectUri,
        },
        'json',
      ),
      ctx.now(),
    ),
  refresh: async (ctx, refreshToken) =>
    parseTokenAnswer(
      'Atlassian',
      await postToken(
        ctx,
        'Atlassian',
        `${ctx.endpoints.known('jira', AUTH)}/oauth/token`,
        {
          grant_type: 'refresh_token',
          client_id: ctx.client.clientId,
          client_secret: ctx.client.clientSecret,
          refresh_token: refreshToken,
        },
        'json',
      ),
      ctx.now(),
    ),
  connection: async (ctx, tokens, wanted) => {
    const api = ctx.endpoints.known('jira', API);
    const answer = await callVendor(ctx.http, 'Atlassian', {
      method: 'GET',
      url: `${api}/oauth/token/accessible-resources`,
      headers: { authorization: `Bearer ${tokens.accessToken}`, accept: 'application/json' },
    });
    const resources = resourcesSchema.safeParse(answer.json);
    if (answer.status !== 200 || !resources.success) {
      throw new DomainError('unavailable', `Atlassian answered accessible-resources with ${describeAnswer(answer)}`);
    }
    const normalize = (url: string): string => url.toLowerCase().replace(/\/+$/, '');
    const sites = resources.data;
    const chosen =
      wanted.site === undefined
        ? sites.length === 1
          ? sites[0]
          : undefined
        : sites.find((s) => normalize(s.url) === normalize(wanted.site ?? ''));
    if (chosen === undefined) {
      const list = sites.map((s) => normalize(s.url)).join(', ');
      throw new DomainError(
        'invalid_input',
        sites.length === 0
          ? 'this Atlassian account has no Jira site this app may use; nothing was stored'
          : wanted.site === undefined
            ? `choose the Jira site with --site (this account can use ${list}); nothing was stored`
            : `this Atlassian account cannot use ${wanted.site} (it can use ${list}); nothing was stored`,
      );
    }
    const baseUrl = `${api}/ex/jira/${chosen.id}`;
    const me = await myself(ctx, baseUrl, tokens.accessToken);
    return {
      site: normalize(chosen.url),
      baseUrl,
      identity: { accountId: me.accountId, accountName: me.displayName ?? null, login: null },
    };
  },
  check: async (ctx, record, accessToken) => {
    await myself(ctx, record.baseUrl, accessToken);
  },
  revoke: () => Promise.resolve(),
};

async function myself(ctx: OAuthContext, baseUrl: string, accessToken: string): Promise<z.infer<typeof myselfSchema>> {
  const answer = await callVendor(ctx.http, 'Jira', {
    method: 'GET',
    url: `${baseUrl}/rest/api/3/myself`,
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (answer.status === 401 || answer.status === 403)
    throw new DomainError('invalid_input', `Jira refused the OAuth token (HTTP ${String(answer.status)})`);
  const me = myselfSchema.safeParse(answer.json);
  if (answer.status !== 200 || !me.success) throw new DomainError('unavailable', `Jira answered /myself with ${describeAnswer(answer)}`);
  return me.data;
}
