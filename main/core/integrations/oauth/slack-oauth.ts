import { z } from 'zod';
import { DomainError } from '../../errors';
import type { TokenSet } from '../../ports/token-endpoint';
import { callVendor, describeAnswer, formBody } from '../vendor-http';
import { postToken, type OAuthContext, type OAuthProvider } from './oauth-provider';
import { safeCode, tokenFieldsSchema, tokenRefusal, toTokenSet } from './token-response';

const SLACK = 'https://slack.com';
/** Post as the user; read channel history only to find a standup whose post had an unknown outcome. */
export const SLACK_USER_SCOPES = 'chat:write,channels:history,groups:history';
const okFalse = z.object({ ok: z.literal(false), error: z.string().max(200) });
const exchangeSchema = z.object({
  ok: z.literal(true),
  authed_user: tokenFieldsSchema.extend({ id: z.string().min(1).max(200) }),
  team: z.object({ id: z.string().min(1).max(200), name: z.string().max(200).optional() }).nullish(),
});
const refreshSchema = z.union([z.object({ ok: z.literal(true) }).and(tokenFieldsSchema), exchangeSchema]);
const authTestSchema = z.object({
  ok: z.literal(true),
  user_id: z.string().min(1).max(200),
  user: z.string().max(200).optional(),
  team_id: z.string().min(1).max(200),
  team: z.string().max(200).optional(),
  url: z.string().max(2048).optional(),
});

/** Slack answers HTTP 200 with {ok:false,error}; anything else that is not ok:true is a broken answer. */
function slackTokens(
  answer: Parameters<typeof describeAnswer>[0],
  now: number,
  schema: z.ZodType<z.infer<typeof refreshSchema>>,
): TokenSet {
  const failed = okFalse.safeParse(answer.json);
  if (failed.success) throw tokenRefusal('Slack', failed.data.error, answer);
  const parsed = schema.safeParse(answer.json);
  if (answer.status !== 200 || !parsed.success) throw tokenRefusal('Slack', null, answer);
  return toTokenSet('authed_user' in parsed.data ? parsed.data.authed_user : parsed.data, now);
}

/**
 * Slack OAuth v2 with PKCE as a public client: a user token (user_scope chat:write, plus channels:history and
 * groups:history so a standup whose post had an unknown outcome can be looked up; desktop redirects get no bot
 * scopes), rotating refresh tokens (12 h access tokens; each refresh returns a new refresh token and revokes the
 * old), auth.test as the health check, auth.revoke on disconnect.
 */
export const slackOAuth: OAuthProvider = {
  name: 'slack',
  vendor: 'Slack',
  secretRequired: false,
  authorization: (ctx) => ({
    endpoint: `${ctx.endpoints.known('slack', SLACK)}/oauth/v2/authorize`,
    scopes: [],
    extra: { user_scope: SLACK_USER_SCOPES },
    pkce: true,
  }),
  exchange: async (ctx, code, redirectUri, verifier) => {
    const answer = await postToken(ctx, 'Slack', `${api(ctx)}/oauth.v2.access`, {
      grant_type: 'authorization_code',
      client_id: ctx.client.clientId,
      client_secret: ctx.client.clientSecret,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier ?? undefined,
    });
    return slackTokens(answer, ctx.now(), exchangeSchema);
  },
  refresh: async (ctx, refreshToken) => {
    const answer = await postToken(ctx, 'Slack', `${api(ctx)}/oauth.v2.access`, {
      grant_type: 'refresh_token',
      client_id: ctx.client.clientId,
      client_secret: ctx.client.clientSecret,
      refresh_token: refreshToken,
    });
    return slackTokens(answer, ctx.now(), refreshSchema);
  },
  connection: async (ctx, tokens) => {
    const me = await authTest(ctx, tokens.accessToken);
    const site = me.url !== undefined && /^https:\/\/[a-z0-9.-]+\.slack\.com\/?$/i.test(me.url) ? me.url.replace(/\/$/, '') : SLACK;
    return {
      site,
      baseUrl: api(ctx),
      identity: { accountId: me.user_id, accountName: me.user ?? null, login: null },
      workspace: { id: me.team_id, name: me.team ?? null },
    };
  },
  check: async (ctx, _record, accessToken) => {
    await authTest(ctx, accessToken);
  },
  revoke: async (ctx, tokens) => {
    await callVendor(ctx.http, 'Slack', {
      method: 'POST',
      url: `${api(ctx)}/auth.revoke`,
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({}),
    });
  },
};

function api(ctx: OAuthContext): string {
  return ctx.endpoints.known('slack', `${SLACK}/api`);
}

async function authTest(ctx: OAuthContext, accessToken: string): Promise<z.infer<typeof authTestSchema>> {
  const answer = await callVendor(ctx.http, 'Slack', {
    method: 'POST',
    url: `${api(ctx)}/auth.test`,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  const failed = okFalse.safeParse(answer.json);
  if (failed.success) throw new DomainError('invalid_input', `Slack refused the token (${safeCode(failed.data.error)})`);
  const me = authTestSchema.safeParse(answer.json);
  if (answer.status !== 200 || !me.success) throw new DomainError('unavailable', `Slack answered auth.test with ${describeAnswer(answer)}`);
  return me.data;
}
