import { z } from 'zod';
import { BoundedMap } from '../../bounded/bounded-map';
import { MAX_CONNECTIONS } from '../connection-service';
import { DomainError } from '../../errors';
import type { Clock } from '../../ports/clock';
import { secretAccountOf, type ConnectionRecord } from '../../ports/connections';
import type { EndpointRules } from '../../ports/endpoint-rules';
import type { HttpClient } from '../../ports/http-client';
import type { Logger } from '../../ports/logger';
import { SecretStoreUnavailableError, type SecretStore } from '../../ports/secret-store';
import type { ConnectionPolicy } from '../connection-policy';
import { ConnectionUnusableError, type ConnectionService, type OAuthAccess } from '../connection-service';
import { NeedsReauthError, OAuthTokens } from '../oauth-tokens';
import type { OAuthContext, OAuthProvider, OAuthProviderName } from './oauth-provider';
import { OAUTH_PROVIDERS } from './oauth-providers';

export interface OAuthDeps {
  readonly connections: ConnectionService;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly endpoints: EndpointRules;
  readonly policy: ConnectionPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
}

const storedSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number().nullable(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The provider and context for a connection or a sign-in; throws when the organization's app is not configured. */
export function oauthContextFor(deps: OAuthDeps, name: OAuthProviderName): { provider: OAuthProvider; ctx: OAuthContext } {
  const provider = OAUTH_PROVIDERS[name];
  const client = deps.policy.oauthClient(name);
  if (client === null) {
    throw new DomainError(
      'unavailable',
      `${provider.vendor} sign-in needs an OAuth app registered by your organization: an administrator sets integrations.${name}.oauth (clientId${provider.secretRequired ? ' and clientSecret' : ''}) in the policy`,
    );
  }
  if (provider.secretRequired && client.clientSecret === undefined) {
    throw new DomainError(
      'unavailable',
      `${provider.vendor} sign-in needs integrations.${name}.oauth.clientSecret in the policy (Atlassian has no PKCE)`,
    );
  }
  return {
    provider,
    ctx: {
      http: deps.http,
      endpoints: deps.endpoints,
      client,
      tenant: deps.policy.teamsTenant() ?? 'organizations',
      now: () => deps.clock.now(),
    },
  };
}

function oauthName(record: ConnectionRecord): OAuthProviderName {
  switch (record.provider) {
    case 'jira':
    case 'asana':
    case 'slack':
    case 'teams':
      return record.provider;
    case 'jira-dc':
    case 'tempo':
      throw new ConnectionUnusableError('needs_reauth', `${record.provider} has no OAuth sign-in`);
  }
}

/** Refreshed access tokens remembered per connection (a refresh happens at most once per 401). */
export const MAX_RETRIED_TOKENS = 8;

/**
 * Access tokens of OAuth connections: one OAuthTokens per connection (so concurrent callers share one refresh and
 * a refresh token is never used twice), refreshed with the provider's token endpoint and the organization's app.
 * invalid_grant, or a 401 to a token that came from a refresh after a 401, marks the connection needs_reauth.
 */
export class OAuthConnections implements OAuthAccess {
  private readonly tokens = new BoundedMap<number, OAuthTokens>(MAX_CONNECTIONS);
  /** Access tokens handed out after a 401 (the newest few per connection): a 401 to one of these means the grant is gone. */
  private readonly retried = new BoundedMap<number, BoundedMap<string, true>>(MAX_CONNECTIONS);

  constructor(private readonly deps: OAuthDeps) {}

  async accessToken(record: ConnectionRecord): Promise<string> {
    return this.guard(record, () => this.tokensOf(record).accessToken());
  }

  async afterUnauthorized(record: ConnectionRecord, rejectedToken: string): Promise<string | null> {
    const retried = this.retried.get(record.id) ?? new BoundedMap<string, true>(MAX_RETRIED_TOKENS);
    this.retried.set(record.id, retried);
    const tokens = this.tokensOf(record);
    if (retried.has(rejectedToken)) {
      tokens.markRejectedAfterRefresh();
      this.deps.connections.markNeedsReauth(record.id, `${OAUTH_PROVIDERS[oauthName(record)].vendor} refused a freshly refreshed token`);
      return null;
    }
    try {
      const next = await this.guard(record, () => tokens.afterUnauthorized(rejectedToken));
      retried.set(next, true);
      return next;
    } catch (error) {
      if (error instanceof ConnectionUnusableError && error.state === 'needs_reauth') return null;
      throw error;
    }
  }

  async check(record: ConnectionRecord): Promise<void> {
    const accessToken = await this.accessToken(record);
    const { provider, ctx } = oauthContextFor(this.deps, oauthName(record));
    await provider.check(ctx, record, accessToken);
  }

  async revoke(record: ConnectionRecord): Promise<void> {
    const text = await this.deps.secrets.get(secretAccountOf(record.id));
    if (text === null) return;
    const stored = storedSchema.safeParse(parseJson(text));
    if (!stored.success) return; // nothing readable to revoke; the entry is deleted anyway
    const { provider, ctx } = oauthContextFor(this.deps, oauthName(record));
    await provider.revoke(ctx, stored.data);
  }

  forget(id: number): void {
    this.tokens.delete(id);
    this.retried.delete(id);
  }

  /** Keeps the in-memory view of a fresh sign-in (a reconnect replaces a connection that needed reauth). */
  private tokensOf(record: ConnectionRecord): OAuthTokens {
    let tokens = this.tokens.get(record.id);
    if (tokens === undefined) {
      const name = oauthName(record);
      tokens = new OAuthTokens(
        secretAccountOf(record.id),
        this.deps.secrets,
        {
          refresh: (refreshToken) => {
            const { provider, ctx } = oauthContextFor(this.deps, name);
            this.deps.logger.info('refreshing an OAuth token', { id: record.id, provider: record.provider });
            return provider.refresh(ctx, refreshToken);
          },
        },
        this.deps.clock,
      );
      this.tokens.set(record.id, tokens);
    }
    return tokens;
  }

  /** Maps token trouble to the connection's state: needs_reauth for good, unavailable for the keychain or network. */
  private async guard<T>(record: ConnectionRecord, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof NeedsReauthError) {
        this.deps.connections.markNeedsReauth(record.id, error.message);
        throw new ConnectionUnusableError('needs_reauth', error.message);
      }
      if (error instanceof SecretStoreUnavailableError) {
        this.deps.connections.markUnavailable(record.id, error.reason);
        throw new ConnectionUnusableError('unavailable', error.reason);
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new ConnectionUnusableError('unavailable', `the token could not be refreshed: ${message}`);
    }
  }
}
