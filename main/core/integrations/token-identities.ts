import { z } from 'zod';
import { base64OfUtf8 } from '../../../common/base64';
import { DomainError } from '../errors';
import type { HttpClient } from '../ports/http-client';
import { callVendor, describeAnswer } from './vendor-http';

/** Who a stored credential belongs to, as its provider says. */
export interface Identity {
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly login: string | null;
}

const name = z.string().max(200);
const cloudMyselfSchema = z.object({ accountId: z.string().min(1).max(200), displayName: name.optional() });
const serverMyselfSchema = z.object({ name: z.string().min(1).max(200), displayName: name.optional() });
const asanaMeSchema = z.object({
  data: z.object({ gid: z.string().min(1).max(200), name: name.nullish(), email: z.string().max(320).nullish() }),
});

/** The Authorization header for a stored token of a token-based connection. */
export function tokenAuthorization(provider: 'jira' | 'jira-dc' | 'tempo' | 'asana', login: string | null, token: string): string {
  return provider === 'jira' ? `Basic ${base64OfUtf8(`${login ?? ''}:${token}`)}` : `Bearer ${token}`;
}

const VENDOR = { jira: 'Jira', 'jira-dc': 'Jira', tempo: 'Tempo', asana: 'Asana' } as const;
const CREDENTIAL = {
  jira: 'email and API token',
  'jira-dc': 'personal access token',
  tempo: 'API token',
  asana: 'personal access token',
} as const;

/**
 * Health check of a token: asks the provider who we are (Jira /myself, Asana /users/me) or, for Tempo, reads a
 * harmless endpoint (/globalconfiguration). 401/403 -> DomainError('invalid_input'), anything else unusable ->
 * DomainError('unavailable').
 */
export async function identifyToken(
  http: HttpClient,
  provider: 'jira' | 'jira-dc' | 'tempo' | 'asana',
  baseUrl: string,
  login: string | null,
  token: string,
): Promise<Identity> {
  const path = { jira: '/rest/api/3/myself', 'jira-dc': '/rest/api/2/myself', tempo: '/globalconfiguration', asana: '/users/me' }[provider];
  const url = `${baseUrl}${path}`;
  const vendor = VENDOR[provider];
  const answer = await callVendor(http, `${vendor} at ${baseUrl}`, {
    method: 'GET',
    url,
    headers: { authorization: tokenAuthorization(provider, login, token), accept: 'application/json' },
  });
  if (answer.status === 401 || answer.status === 403) {
    throw new DomainError('invalid_input', `${vendor} refused the ${CREDENTIAL[provider]} (HTTP ${String(answer.status)})`);
  }
  if (answer.status !== 200) throw new DomainError('unavailable', `${vendor} answered ${describeAnswer(answer)} to ${url}`);
  switch (provider) {
    case 'jira': {
      const me = cloudMyselfSchema.safeParse(answer.json);
      if (!me.success) throw new DomainError('unavailable', 'Jira answered /myself with something that is not a Jira user');
      return { accountId: me.data.accountId, accountName: me.data.displayName ?? null, login };
    }
    case 'jira-dc': {
      const me = serverMyselfSchema.safeParse(answer.json);
      if (!me.success) throw new DomainError('unavailable', 'Jira answered /myself with something that is not a Jira user');
      return { accountId: me.data.name, accountName: me.data.displayName ?? null, login };
    }
    case 'tempo':
      if (typeof answer.json !== 'object' || answer.json === null) {
        throw new DomainError('unavailable', `Tempo answered ${describeAnswer(answer)} to ${url}`);
      }
      return { accountId: null, accountName: null, login };
    case 'asana': {
      const me = asanaMeSchema.safeParse(answer.json);
      if (!me.success) throw new DomainError('unavailable', 'Asana answered /users/me with something that is not an Asana user');
      return { accountId: me.data.data.gid, accountName: me.data.data.name ?? null, login: me.data.data.email ?? null };
    }
  }
}
