/** Why a browser sign-in ended without a code. */
export class SignInFailedError extends Error {
  constructor(
    readonly code: 'timeout' | 'denied' | 'provider_error' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'SignInFailedError';
  }
}

export interface SignInRequest {
  /** The provider's authorization endpoint (checked by EndpointRules). */
  readonly endpoint: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly scopeSeparator?: ' ' | ',';
  readonly extra?: Readonly<Record<string, string>>;
  /** PKCE S256 (every provider but Atlassian). */
  readonly pkce: boolean;
  /** The exact registered loopback port, where a provider wants one; else an ephemeral port. */
  readonly port?: number | undefined;
  /** Shown on the small page the browser lands on. */
  readonly successTitle: string;
  readonly timeoutMs: number;
}

/** One sign-in waiting for the browser. */
export interface PendingSignIn {
  /** The authorization URL to open in the system browser (the CLI prints it; the app opens it). */
  readonly url: string;
  /** http://127.0.0.1:<port>/callback */
  readonly redirectUri: string;
  /** The PKCE code_verifier for the token request, or null without PKCE. */
  readonly verifier: string | null;
  /** The authorization code, once the browser came back with the right state; rejects with SignInFailedError. */
  readonly code: Promise<string>;
  cancel(): void;
}

/**
 * The RFC 8252 part of OAuth: PKCE pair, single-use state (constant-time check), the authorization URL, and the
 * loopback redirect listener on 127.0.0.1 with a timeout. Implemented in main/adapters/node/oauth.
 */
export interface OAuthBrowser {
  begin(request: SignInRequest): Promise<PendingSignIn>;
}
