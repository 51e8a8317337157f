import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import { InMemorySecretStore } from '../../../test/fakes/in-memory-secret-store';
import { InvalidGrantError, type TokenEndpoint, type TokenSet } from '../ports/token-endpoint';
import { NeedsReauthError, OAuthTokens } from './oauth-tokens';

const HOUR = 3_600_000;

/** A token endpoint with rotating refresh tokens: each refresh token works once (like Slack and Atlassian). */
class RotatingEndpoint implements TokenEndpoint {
  calls = 0;
  private valid = new Set(['refresh-0']);
  private serial = 0;
  onRefresh: () => void = () => undefined;
  /** How long the access tokens it issues live. */
  lifetimeMs = HOUR;

  constructor(
    private readonly time: FakeTime,
    private readonly delayMs = 0,
  ) {}

  async refresh(refreshToken: string): Promise<TokenSet> {
    this.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (!this.valid.has(refreshToken)) throw new InvalidGrantError();
    this.valid.delete(refreshToken);
    this.serial += 1;
    const next = `refresh-${String(this.serial)}`;
    this.valid.add(next);
    this.onRefresh();
    return { accessToken: `access-${String(this.serial)}`, refreshToken: next, expiresAt: this.time.now() + this.lifetimeMs };
  }
}

function setup(delayMs = 0): { tokens: OAuthTokens; secrets: InMemorySecretStore; endpoint: RotatingEndpoint; time: FakeTime } {
  const time = new FakeTime(Date.UTC(2026, 10, 23, 9));
  const secrets = new InMemorySecretStore();
  const endpoint = new RotatingEndpoint(time, delayMs);
  return { tokens: new OAuthTokens('slack:T1', secrets, endpoint, time), secrets, endpoint, time };
}

describe('OAuth tokens', () => {
  it('uses the stored token until shortly before expiry, then refreshes and stores the rotated pair first', async () => {
    const { tokens, secrets, endpoint, time } = setup();
    await tokens.save({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: time.now() + HOUR });
    expect(await tokens.accessToken()).toBe('access-0');
    time.advance(HOUR - 30_000); // within the refresh skew
    let storedWhenProviderAnswered: string | null = null;
    endpoint.onRefresh = () => {
      storedWhenProviderAnswered = secrets.values.get('slack:T1') ?? null;
    };
    expect(await tokens.accessToken()).toBe('access-1');
    expect(endpoint.calls).toBe(1);
    expect(storedWhenProviderAnswered).toContain('refresh-0');
    expect(JSON.parse(secrets.values.get('slack:T1') ?? '{}')).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('many requests needing a refresh at once cause exactly one refresh', async () => {
    const { tokens, endpoint, time } = setup(50);
    await tokens.save({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: time.now() - 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.accessToken()));
    expect(new Set(results)).toEqual(new Set(['access-1']));
    expect(endpoint.calls).toBe(1);
    // Two 401s on the same token at once: one refresh, both get the new token.
    const after = await Promise.all([tokens.afterUnauthorized('access-1'), tokens.afterUnauthorized('access-1')]);
    expect(after).toEqual(['access-2', 'access-2']);
    expect(endpoint.calls).toBe(2);
    // A 401 for a token that was already replaced does not refresh again.
    expect(await tokens.afterUnauthorized('access-1')).toBe('access-2');
    expect(endpoint.calls).toBe(2);
  });

  it('invalid_grant marks the connection as needing reauth, and nothing retries', async () => {
    const { tokens, endpoint, time } = setup();
    await tokens.save({ accessToken: 'access-x', refreshToken: 'revoked', expiresAt: time.now() - 1 });
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(NeedsReauthError);
    expect(tokens.needsReauth).toMatch(/invalid_grant/);
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(NeedsReauthError);
    expect(endpoint.calls).toBe(1);
    // A fresh sign-in clears it.
    await tokens.save({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: time.now() + HOUR });
    expect(await tokens.accessToken()).toBe('access-0');
  });

  it('a network failure during refresh keeps the unused refresh token for a later try', async () => {
    const time = new FakeTime(Date.UTC(2026, 10, 23, 9));
    const secrets = new InMemorySecretStore();
    let fail = true;
    const endpoint: TokenEndpoint = {
      refresh: (token) => {
        if (fail) return Promise.reject(new Error('ECONNRESET'));
        return Promise.resolve({ accessToken: `new-for-${token}`, refreshToken: null, expiresAt: null });
      },
    };
    const tokens = new OAuthTokens('teams:me', secrets, endpoint, time);
    await tokens.save({ accessToken: 'old', refreshToken: 'keep-me', expiresAt: time.now() - 1 });
    await expect(tokens.accessToken()).rejects.toThrow('ECONNRESET');
    expect(tokens.needsReauth).toBeNull();
    fail = false;
    expect(await tokens.accessToken()).toBe('new-for-keep-me');
    // The provider did not rotate: the old refresh token stays stored.
    expect(JSON.parse(secrets.values.get('teams:me') ?? '{}')).toMatchObject({ refreshToken: 'keep-me' });
  });

  it('no stored tokens, unreadable tokens, or a refused fresh token need a new sign-in', async () => {
    const { tokens, secrets } = setup();
    await expect(tokens.accessToken()).rejects.toThrow(/no tokens are stored/);
    secrets.values.set('slack:T1', 'not json');
    await expect(tokens.accessToken()).rejects.toThrow(/unreadable/);
    await tokens.save({ accessToken: 'a', refreshToken: null, expiresAt: null });
    expect(await tokens.accessToken()).toBe('a');
    tokens.markRejectedAfterRefresh();
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(NeedsReauthError);
  });

  it('a caller whose keychain read was slower than a whole refresh never spends the old refresh token again', async () => {
    const { tokens, secrets, endpoint, time } = setup(10);
    // Tokens that live 30 s, less than the refresh skew: every use wants a refresh.
    endpoint.lifetimeMs = 30_000;
    await tokens.save({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: time.now() + 30_000 });
    const read = secrets.get.bind(secrets);
    let slowNext = false;
    let releaseSlow: () => void = () => undefined;
    secrets.get = async (account: string): Promise<string | null> => {
      const value = await read(account);
      if (!slowNext) return value;
      slowNext = false;
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      return value; // what was stored before the other caller's refresh
    };
    slowNext = true;
    const slow = tokens.accessToken();
    const fast = await tokens.accessToken();
    expect(fast).toBe('access-1');
    releaseSlow();
    expect(await slow).toBe('access-1');
    expect(endpoint.calls).toBe(1);
    // Arriving right after that refresh: the 30-second token is used, not refreshed again...
    expect(await tokens.accessToken()).toBe('access-1');
    expect(endpoint.calls).toBe(1);
    // ...but a few seconds later, inside the skew, it is refreshed with the rotated refresh token.
    time.advance(6_000);
    expect(await tokens.accessToken()).toBe('access-2');
    expect(endpoint.calls).toBe(2);
    expect(tokens.needsReauth).toBeNull();
  });
});
