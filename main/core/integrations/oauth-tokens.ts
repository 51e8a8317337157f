import { z } from 'zod';
import type { Clock } from '../ports/clock';
import type { SecretStore } from '../ports/secret-store';
import { InvalidGrantError, type TokenEndpoint, type TokenSet } from '../ports/token-endpoint';

/** Refresh this long before expiry, so a request never starts with a token about to die. */
export const REFRESH_SKEW_MS = 60_000;
/**
 * A token this fresh from our own refresh is used as it is, even inside the skew: a provider that issues tokens living
 * less than the skew would otherwise be asked for a new one by every caller that arrives just after a refresh.
 */
export const JUST_REFRESHED_MS = 5_000;

const storedTokensSchema = z
  .object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).nullable(),
    expiresAt: z.number().int().nullable(),
  })
  .strict();

/** The connection must be signed in again: one notification, its sync pauses, nothing retries forever. */
export class NeedsReauthError extends Error {
  constructor(reason: string) {
    super(`sign in again: ${reason}`);
    this.name = 'NeedsReauthError';
  }
}

/**
 * One connection's OAuth tokens, kept in the keychain (one account) and nowhere else.
 * - Refreshes before expiry; concurrent callers share one refresh (a refresh token is never used twice).
 * - With rotating refresh tokens, the new pair is stored in the keychain before the new access token is used.
 * - invalid_grant, or a 401 right after a refresh, marks the connection as needing reauth, for good.
 */
export class OAuthTokens {
  private refreshing: Promise<TokenSet> | null = null;
  /** The last refresh: which refresh token it spent and what it got. A caller that loaded the tokens before it was stored must not spend that refresh token again. */
  private lastRefresh: { readonly spent: string; readonly result: TokenSet; readonly at: number } | null = null;
  private reauthReason: string | null = null;

  constructor(
    private readonly account: string,
    private readonly secrets: SecretStore,
    private readonly endpoint: TokenEndpoint,
    private readonly clock: Clock,
  ) {}

  get needsReauth(): string | null {
    return this.reauthReason;
  }

  /** Stores the tokens of a fresh sign-in. */
  async save(tokens: TokenSet): Promise<void> {
    await this.secrets.set(this.account, JSON.stringify(tokens));
    this.lastRefresh = null;
    this.reauthReason = null;
  }

  /** A valid access token, refreshed first if it expires within REFRESH_SKEW_MS. */
  async accessToken(): Promise<string> {
    const tokens = await this.load();
    const now = this.clock.now();
    if (tokens.expiresAt === null || tokens.expiresAt - REFRESH_SKEW_MS > now) return tokens.accessToken;
    const last = this.lastRefresh;
    if (last !== null && last.result.accessToken === tokens.accessToken && now - last.at < JUST_REFRESHED_MS && tokens.expiresAt > now) {
      return tokens.accessToken;
    }
    return (await this.refresh(tokens)).accessToken;
  }

  /**
   * The provider said 401 to `rejectedToken`. Refreshes once (shared with concurrent callers) and returns the new
   * access token; a 401 to a token that came from a refresh means the grant is gone.
   */
  async afterUnauthorized(rejectedToken: string): Promise<string> {
    const tokens = await this.load();
    if (tokens.accessToken !== rejectedToken) return tokens.accessToken; // someone refreshed meanwhile
    return (await this.refresh(tokens)).accessToken;
  }

  /** The access token that was just refreshed was refused too: the grant is gone. */
  markRejectedAfterRefresh(): void {
    this.reauthReason = 'the provider refused a freshly refreshed token';
  }

  private async load(): Promise<TokenSet> {
    if (this.reauthReason !== null) throw new NeedsReauthError(this.reauthReason);
    const text = await this.secrets.get(this.account);
    if (text === null) throw new NeedsReauthError('no tokens are stored for this connection');
    const parsed = storedTokensSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new NeedsReauthError('the stored tokens are unreadable');
    return parsed.data;
  }

  private refresh(current: TokenSet): Promise<TokenSet> {
    // Loaded before the last refresh was stored: that refresh token is spent (rotating providers would refuse it and
    // the connection would wrongly need a new sign-in); its result is what this caller wants.
    if (this.refreshing === null && this.lastRefresh !== null && this.lastRefresh.spent === current.refreshToken) {
      return Promise.resolve(this.lastRefresh.result);
    }
    this.refreshing ??= this.doRefresh(current).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(current: TokenSet): Promise<TokenSet> {
    if (current.refreshToken === null) {
      this.reauthReason = 'the access token expired and the provider gave no refresh token';
      throw new NeedsReauthError(this.reauthReason);
    }
    let next: TokenSet;
    try {
      next = await this.endpoint.refresh(current.refreshToken);
    } catch (error) {
      if (error instanceof InvalidGrantError) {
        this.reauthReason = error.message;
        throw new NeedsReauthError(error.message);
      }
      throw error; // network trouble: the caller retries later with the same (unused) refresh token
    }
    // Keep the old refresh token when the provider does not rotate; store before anyone uses the new access token.
    const stored: TokenSet = { ...next, refreshToken: next.refreshToken ?? current.refreshToken };
    await this.secrets.set(this.account, JSON.stringify(stored));
    this.lastRefresh = { spent: current.refreshToken, result: stored, at: this.clock.now() };
    return stored;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
