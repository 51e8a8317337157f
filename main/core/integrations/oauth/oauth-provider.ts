import type { ConnectionRecord } from '../../ports/connections';
import type { EndpointRules } from '../../ports/endpoint-rules';
import type { HttpClient } from '../../ports/http-client';
import type { SignInRequest } from '../../ports/oauth-browser';
import type { TokenSet } from '../../ports/token-endpoint';
import type { OAuthClient } from '../connection-policy';
import type { Identity } from '../token-identities';
import { callVendor, formBody, type VendorAnswer } from '../vendor-http';

export type OAuthProviderName = 'jira' | 'asana' | 'slack' | 'teams';

/** What a provider needs to talk OAuth: the network, the endpoint rules, the organization's app, the time. */
export interface OAuthContext {
  readonly http: HttpClient;
  readonly endpoints: EndpointRules;
  readonly client: OAuthClient;
  /** Microsoft tenant (integrations.teams.tenant, default "organizations"). */
  readonly tenant: string;
  readonly now: () => number;
}

/** Where a fresh sign-in lands and who it is. */
export interface SignedInConnection {
  readonly site: string;
  readonly baseUrl: string;
  readonly identity: Identity;
  /** Slack: the workspace, for integrations.slack.workspaces. */
  readonly workspace?: { readonly id: string; readonly name: string | null };
}

/** One vendor's OAuth dialect (integrations.md 1.6, 3.4, 4.2, 5.3). */
export interface OAuthProvider {
  readonly name: OAuthProviderName;
  readonly vendor: string;
  /** Atlassian needs the client secret for every token request (no PKCE). */
  readonly secretRequired: boolean;
  authorization(ctx: OAuthContext): Omit<SignInRequest, 'clientId' | 'successTitle' | 'timeoutMs'>;
  exchange(ctx: OAuthContext, code: string, redirectUri: string, verifier: string | null): Promise<TokenSet>;
  refresh(ctx: OAuthContext, refreshToken: string): Promise<TokenSet>;
  /** After the exchange: who signed in, and where the API is (Atlassian: the cloud id of the chosen site). */
  connection(ctx: OAuthContext, tokens: TokenSet, wanted: { readonly site?: string | undefined }): Promise<SignedInConnection>;
  /** Health check with a valid access token: DomainError('invalid_input') when refused. */
  check(ctx: OAuthContext, record: ConnectionRecord, accessToken: string): Promise<void>;
  /** Revokes the grant where the vendor can (Slack auth.revoke, Asana oauth_revoke); others do nothing. */
  revoke(ctx: OAuthContext, tokens: TokenSet): Promise<void>;
}

/** POSTs a token request as a form (most vendors) or JSON (Atlassian). */
export function postToken(
  ctx: OAuthContext,
  vendor: string,
  url: string,
  fields: Readonly<Record<string, string | undefined>>,
  format: 'form' | 'json' = 'form',
  headers: Readonly<Record<string, string>> = {},
): Promise<VendorAnswer> {
  const body =
    format === 'json'
      ? JSON.stringify(Object.fromEntries(Object.entries(fields).filter((entry) => entry[1] !== undefined)))
      : formBody(fields);
  return callVendor(ctx.http, vendor, {
    method: 'POST',
    url,
    headers: {
      'content-type': format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...headers,
    },
    body,
  });
}
