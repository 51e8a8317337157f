/** Tokens as a provider issues them. `expiresAt` is epoch ms (null: does not expire). */
export interface TokenSet {
  readonly accessToken: string;
  /** null when the provider issues none; with rotating refresh tokens, each refresh returns a new one. */
  readonly refreshToken: string | null;
  readonly expiresAt: number | null;
}

/** The provider refused the refresh token for good (invalid_grant, revoked): the user must sign in again. */
export class InvalidGrantError extends Error {
  constructor(message = 'the provider refused the refresh token (invalid_grant)') {
    super(message);
    this.name = 'InvalidGrantError';
  }
}

/** A provider's token endpoint, as far as refreshing goes. */
export interface TokenEndpoint {
  refresh(refreshToken: string): Promise<TokenSet>;
}
