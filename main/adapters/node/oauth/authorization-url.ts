import type { PkcePair } from './pkce';

export interface AuthorizationRequest {
  /** The provider's authorization endpoint (https). */
  readonly endpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  /** Omitted for providers without PKCE (Atlassian 3LO). */
  readonly pkce?: PkcePair;
  /** Provider-specific extras (audience=api.atlassian.com, prompt=consent, user_scope for Slack, ...). */
  readonly extra?: Readonly<Record<string, string>>;
  /** How the provider wants scopes joined (space for most; Slack uses commas). */
  readonly scopeSeparator?: ' ' | ',';
}

/** The URL to open in the system browser (RFC 8252: never an embedded web view). */
export function authorizationUrl(request: AuthorizationRequest, options: { allowHttpLoopback?: boolean } = {}): string {
  const url = new URL(request.endpoint);
  const loopback = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  if (url.protocol !== 'https:' && !(loopback && options.allowHttpLoopback === true)) {
    throw new RangeError(`the authorization endpoint must be https: ${url.origin}`);
  }
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', request.clientId);
  params.set('redirect_uri', request.redirectUri);
  if (request.scopes.length > 0) params.set('scope', request.scopes.join(request.scopeSeparator ?? ' '));
  params.set('state', request.state);
  if (request.pkce) {
    params.set('code_challenge', request.pkce.challenge);
    params.set('code_challenge_method', request.pkce.method);
  }
  for (const [key, value] of Object.entries(request.extra ?? {})) params.set(key, value);
  return url.toString();
}
