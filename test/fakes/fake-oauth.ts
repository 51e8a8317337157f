import { createHash, randomBytes } from 'node:crypto';

/** How a provider treats refresh tokens (integrations.md 1.6, 3.4, 4.2, 5.3). */
export type Rotation =
  /** Asana: a refresh returns a new access token only; the refresh token stays. */
  | 'none'
  /** Slack: each refresh returns a new refresh token and revokes the old one at once. */
  | 'rotate'
  /** Atlassian: a new refresh token each time; the old one still works within a reuse window, after it the whole family dies. */
  | 'rotate-window'
  /** Microsoft: a new refresh token each time; old ones are not revoked. */
  | 'replace';

export interface FakeOAuthOptions {
  readonly clientId: string;
  /** Required at the token endpoint when set (Atlassian, Asana). */
  readonly clientSecret?: string;
  /** PKCE S256 required (Slack, Microsoft, Asana here); Atlassian has none. */
  readonly pkce: boolean;
  readonly rotation: Rotation;
  readonly accessTtlSeconds: number;
  readonly reuseWindowMs?: number;
  readonly prefix: string;
}

export type TokenOutcome =
  | {
      readonly ok: true;
      readonly accessToken: string;
      readonly refreshToken: string | null;
      readonly expiresIn: number;
      readonly user: string;
    }
  | { readonly ok: false; readonly error: string; readonly description: string };

interface Code {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | null;
  readonly user: string;
  used: boolean;
}

interface Refresh {
  readonly family: number;
  readonly user: string;
  /** When it was rotated away (null: current). */
  rotatedAt: number | null;
}

/**
 * The authorization-server half every fake vendor shares: codes bound to client, redirect URI and PKCE challenge,
 * single use; access tokens with a lifetime; refresh tokens rotating the vendor's way; invalid_grant otherwise.
 */
export class FakeOAuth {
  /** Every token string this server issued (for the "no token anywhere" grep). */
  readonly issued: string[] = [];
  refreshCount = 0;
  private readonly codes = new Map<string, Code>();
  private readonly access = new Map<string, { user: string; expiresAt: number }>();
  private readonly refreshes = new Map<string, Refresh>();
  private readonly deadFamilies = new Set<number>();
  private families = 0;
  /** The user who signs in at the next authorization. */
  user = 'user-1';

  constructor(private readonly options: FakeOAuthOptions) {}

  /** The browser's visit to the authorization endpoint: a redirect target (the loopback URI with code or error). */
  authorize(query: URLSearchParams): { status: number; location?: string; text?: string } {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== this.options.clientId) return { status: 400, text: 'unknown client_id' };
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)) return { status: 400, text: 'redirect_uri must be a loopback URI' };
    const state = query.get('state') ?? '';
    const challenge = query.get('code_challenge');
    if (this.options.pkce && (challenge === null || query.get('code_challenge_method') !== 'S256')) {
      return {
        status: 302,
        location: `${redirectUri}?error=invalid_request&error_description=PKCE+required&state=${encodeURIComponent(state)}`,
      };
    }
    const code = this.mint('code');
    this.codes.set(code, { clientId: this.options.clientId, redirectUri, challenge, user: this.user, used: false });
    return { status: 302, location: `${redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}` };
  }

  exchange(fields: Readonly<Record<string, string | undefined>>, now = Date.now()): TokenOutcome {
    const client = this.checkClient(fields);
    if (client !== null) return client;
    const code = this.codes.get(fields.code ?? '');
    if (code === undefined || code.used) return refuse('invalid_grant', 'unknown, expired or used code');
    code.used = true;
    if (fields.redirect_uri !== code.redirectUri) return refuse('invalid_grant', 'redirect_uri mismatch');
    if (code.challenge !== null) {
      const verifier = fields.code_verifier ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return refuse('invalid_grant', 'PKCE verification failed');
    }
    return this.issue(code.user, ++this.families, now);
  }

  refresh(fields: Readonly<Record<string, string | undefined>>, now = Date.now()): TokenOutcome {
    this.refreshCount += 1;
    const client = this.checkClient(fields);
    if (client !== null) return client;
    const token = fields.refresh_token ?? '';
    const refresh = this.refreshes.get(token);
    if (refresh === undefined || this.deadFamilies.has(refresh.family)) return refuse('invalid_grant', 'Unknown or invalid refresh token.');
    if (refresh.rotatedAt !== null) {
      const window = this.options.rotation === 'rotate-window' ? (this.options.reuseWindowMs ?? 10 * 60_000) : -1;
      if (this.options.rotation !== 'replace' && now - refresh.rotatedAt > window) {
        this.deadFamilies.add(refresh.family); // reuse outside the window: the whole family is revoked
        return refuse('invalid_grant', 'Unknown or invalid refresh token.');
      }
    }
    if (this.options.rotation === 'none') {
      const accessToken = this.mint('at');
      this.access.set(accessToken, { user: refresh.user, expiresAt: now + this.options.accessTtlSeconds * 1000 });
      return { ok: true, accessToken, refreshToken: null, expiresIn: this.options.accessTtlSeconds, user: refresh.user };
    }
    refresh.rotatedAt ??= now;
    return this.issue(refresh.user, refresh.family, now);
  }

  /** The user of a valid access token, or null (unknown, expired or revoked). */
  userOf(accessToken: string, now = Date.now()): string | null {
    const entry = this.access.get(accessToken);
    return entry !== undefined && entry.expiresAt > now ? entry.user : null;
  }

  /** A token this server issued whose time is up (Slack then says token_expired rather than invalid_auth). */
  isExpired(accessToken: string, now = Date.now()): boolean {
    const entry = this.access.get(accessToken);
    return entry !== undefined && entry.expiresAt <= now;
  }

  /** Expires every access token now (the next API call gets 401). */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = 0;
  }

  /** Revokes a token (access or refresh, and with it the grant). */
  revoke(token: string): boolean {
    const refresh = this.refreshes.get(token);
    if (refresh !== undefined) this.deadFamilies.add(refresh.family);
    const had = this.access.delete(token) || refresh !== undefined;
    return had;
  }

  /** Kills every grant (the user revoked the app): refreshes get invalid_grant. */
  revokeAll(): void {
    for (const refresh of this.refreshes.values()) this.deadFamilies.add(refresh.family);
    this.access.clear();
  }

  private checkClient(fields: Readonly<Record<string, string | undefined>>): TokenOutcome | null {
    if (fields.client_id !== this.options.clientId) return refuse('invalid_client', 'unknown client_id');
    if (this.options.clientSecret !== undefined && fields.client_secret !== this.options.clientSecret) {
      return refuse('invalid_client', 'bad client_secret');
    }
    return null;
  }

  private issue(user: string, family: number, now: number): TokenOutcome {
    const accessToken = this.mint('at');
    const refreshToken = this.mint('rt');
    this.access.set(accessToken, { user, expiresAt: now + this.options.accessTtlSeconds * 1000 });
    this.refreshes.set(refreshToken, { family, user, rotatedAt: null });
    return { ok: true, accessToken, refreshToken, expiresIn: this.options.accessTtlSeconds, user };
  }

  private mint(kind: string): string {
    const value = `${this.options.prefix}-${kind}-${randomBytes(12).toString('hex')}`;
    if (kind !== 'code') this.issued.push(value);
    return value;
  }
}

function refuse(error: string, description: string): TokenOutcome {
  return { ok: false, error, description };
}

/** A form or JSON token request body as fields. */
export function fieldsOf(contentType: string, body: string): Record<string, string> {
  if (contentType.includes('application/json')) {
    const json = JSON.parse(body) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}
