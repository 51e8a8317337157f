import { DomainError } from '../errors';
import { BoundedMap } from '../bounded/bounded-map';
import { silentNotifier, type Notifier } from '../ports/notifier';
import { notifications } from '../notifications/notification-catalog';
import type { Clock } from '../ports/clock';
import { secretAccountOf, type ConnectionRecord, type ConnectionRepository, type NewConnection } from '../ports/connections';
import type { ConnectionProvider, EndpointRules } from '../ports/endpoint-rules';
import type { HttpClient } from '../ports/http-client';
import type { Logger } from '../ports/logger';
import { SecretStoreUnavailableError, type SecretStore } from '../ports/secret-store';
import { allowAll, type ConnectionPolicy } from './connection-policy';
import { identifyToken, tokenAuthorization, type Identity } from './token-identities';

/** What a sync worker needs to call a connection's API: where, and with which Authorization header. */
export interface ConnectionAuthorization {
  readonly record: ConnectionRecord;
  /**
   * The Authorization header value (`Basic …` for Jira Cloud API tokens, `Bearer …` otherwise). For a Teams
   * webhook connection (auth 'webhook') it is the whole webhook URL to POST to: the URL carries its own signature.
   */
  readonly authorization: string;
}

/** The connection cannot be used until the user acts (signs in again, or the keychain comes back). */
export class ConnectionUnusableError extends Error {
  constructor(
    readonly state: 'needs_reauth' | 'unavailable',
    reason: string,
  ) {
    super(reason);
    this.name = 'ConnectionUnusableError';
  }
}

export function vendorName(provider: ConnectionRecord['provider']): string {
  switch (provider) {
    case 'jira':
    case 'jira-dc':
      return 'Jira';
    case 'tempo':
      return 'Tempo';
    case 'asana':
      return 'Asana';
    case 'slack':
      return 'Slack';
    case 'teams':
      return 'Microsoft Teams';
  }
}

export type ConnectRequest =
  | { readonly provider: 'jira'; readonly site: string; readonly email: string; readonly token: string }
  | { readonly provider: 'jira-dc'; readonly baseUrl: string; readonly token: string }
  | { readonly provider: 'tempo'; readonly token: string; readonly jiraConnectionId?: number | undefined }
  | { readonly provider: 'asana'; readonly token: string }
  | { readonly provider: 'teams'; readonly webhookUrl: string };

/** How OAuth connections get their tokens (the OAuth engine implements it; see oauth/oauth-connections.ts). */
export interface OAuthAccess {
  /** A valid access token (refreshed first when about to expire). Throws ConnectionUnusableError. */
  accessToken(record: ConnectionRecord): Promise<string>;
  /** After a 401: a refreshed token to retry with, or null when the connection now needs the user. */
  afterUnauthorized(record: ConnectionRecord, rejectedToken: string): Promise<string | null>;
  /** Health check with a valid token (the provider's "who am I"). Throws DomainError or ConnectionUnusableError. */
  check(record: ConnectionRecord): Promise<void>;
  /** Revokes at the vendor where it supports that (best effort), before the keychain entry is deleted. */
  revoke(record: ConnectionRecord): Promise<void>;
  /** Forgets in-memory state about a connection. */
  forget(id: number): void;
}

const TEMPO_API = 'https://api.tempo.io/4';
const ASANA_API = 'https://app.asana.com/api/1.0';

/**
 * Connections: Jira Cloud (email + API token, Basic), Jira Data Center (PAT, Bearer), Tempo (API token, Bearer,
 * linked to a Jira Cloud connection for the author's account id), Asana (PAT), Teams (Workflows webhook URL), and
 * OAuth connections made by the OAuth engine. A credential is checked against its server before anything is
 * stored, then lives only in the keychain (account `connection-<id>`); the SQLite record holds no secret.
 */
/** Hard caps: connections (and so sync lanes and token holders), and secrets cached in memory. */
export const MAX_CONNECTIONS = 50;
export const MAX_CACHED_SECRETS = 32;

export class ConnectionService {
  private oauth: OAuthAccess | null = null;
  private notifier: Notifier = silentNotifier;
  /** Secrets read from the keychain, kept in memory only: a keychain read over D-Bus costs tens of ms per request.
   * At most MAX_CACHED_SECRETS; an evicted one is read from the keychain again when needed. */
  private readonly secretCache = new BoundedMap<number, string>(MAX_CACHED_SECRETS);

  constructor(
    private readonly repository: ConnectionRepository,
    private readonly secrets: SecretStore,
    private readonly http: HttpClient,
    private readonly endpoints: EndpointRules,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: ConnectionPolicy = allowAll,
  ) {}

  /** The OAuth engine plugs in here (it needs this service to store what it connects). */
  useOAuth(oauth: OAuthAccess): void {
    this.oauth = oauth;
  }

  /** Every connection; one the policy no longer allows shows as unavailable, with the policy's reason. */
  list(): ConnectionRecord[] {
    return this.repository.list().map((record) => {
      const refusal = this.policy.refusal(record.provider);
      return refusal === null ? record : { ...record, state: 'unavailable', stateReason: refusal };
    });
  }

  async connect(request: ConnectRequest): Promise<ConnectionRecord> {
    this.policy.requireAllowed(request.provider);
    switch (request.provider) {
      case 'jira':
      case 'jira-dc': {
        const decision = this.endpoints.resolve(request.provider, request.provider === 'jira' ? request.site : request.baseUrl);
        if (!decision.ok) throw new DomainError('invalid_input', decision.message);
        this.policy.requireJiraSite(decision.site);
        await this.requireKeychain('Jira');
        const login = request.provider === 'jira' ? request.email : null;
        const identity = await identifyToken(this.http, request.provider, decision.baseUrl, login, request.token);
        return this.store(
          {
            provider: request.provider,
            auth: request.provider === 'jira' ? 'api-token' : 'pat',
            site: decision.site,
            baseUrl: decision.baseUrl,
          },
          identity,
          request.token,
        );
      }
      case 'tempo': {
        const jira = this.jiraFor(request.jiraConnectionId);
        await this.requireKeychain('Tempo');
        const baseUrl = this.endpoints.known('tempo', TEMPO_API);
        await identifyToken(this.http, 'tempo', baseUrl, null, request.token);
        const identity: Identity = { accountId: jira.accountId, accountName: jira.accountName ?? jira.login, login: null };
        return this.store({ provider: 'tempo', auth: 'api-token', site: jira.site, baseUrl }, identity, request.token);
      }
      case 'asana': {
        await this.requireKeychain('Asana');
        const baseUrl = this.endpoints.known('asana', ASANA_API);
        const identity = await identifyToken(this.http, 'asana', baseUrl, null, request.token);
        return this.store({ provider: 'asana', auth: 'pat', site: 'https://app.asana.com', baseUrl }, identity, request.token);
      }
      case 'teams': {
        const decision = this.endpoints.webhook(request.webhookUrl);
        if (!decision.ok) throw new DomainError('invalid_input', decision.message);
        await this.requireKeychain('Teams');
        const identity: Identity = { accountId: null, accountName: 'Workflows webhook', login: null };
        return this.store({ provider: 'teams', auth: 'webhook', site: decision.site, baseUrl: decision.baseUrl }, identity, decision.url);
      }
    }
  }

  /**
   * Stores a checked connection: the record, then its secret in the keychain (the record goes again if that
   * fails). Used by the OAuth engine too, with the token set as the secret.
   */
  async store(
    where: Pick<NewConnection, 'provider' | 'auth' | 'site' | 'baseUrl'>,
    identity: Identity,
    secret: string,
  ): Promise<ConnectionRecord> {
    const now = this.clock.now();
    const same = this.repository
      .list()
      .find(
        (c) =>
          c.provider === where.provider &&
          c.auth === where.auth &&
          c.site === where.site &&
          c.baseUrl === where.baseUrl &&
          identity.accountId !== null &&
          c.accountId === identity.accountId,
      );
    if (same !== undefined) return this.renew(same, secret, now);
    if (this.repository.list().length >= MAX_CONNECTIONS) {
      throw new DomainError('conflict', `Clockhand keeps at most ${String(MAX_CONNECTIONS)} connections: disconnect one first`);
    }
    const record = this.repository.insert({
      ...where,
      login: identity.login,
      accountId: identity.accountId,
      accountName: identity.accountName,
      state: 'ok',
      stateReason: null,
      createdAt: now,
      checkedAt: now,
    });
    try {
      await this.secrets.set(secretAccountOf(record.id), secret);
    } catch (error) {
      this.repository.delete(record.id);
      throw new DomainError('unavailable', `the credentials could not be stored in the keychain (${describe(error)}); nothing was stored`);
    }
    this.logger.info('connection added', { id: record.id, provider: record.provider, auth: record.auth });
    return record;
  }

  /**
   * Signing in again (or a new token) for an account that is already connected renews that connection: same id (the
   * sync queue's rows keep pointing at it), new secret, state ok.
   */
  private async renew(record: ConnectionRecord, secret: string, now: number): Promise<ConnectionRecord> {
    try {
      await this.secrets.set(secretAccountOf(record.id), secret);
    } catch (error) {
      throw new DomainError('unavailable', `the credentials could not be stored in the keychain (${describe(error)}); nothing changed`);
    }
    this.oauth?.forget(record.id);
    this.secretCache.delete(record.id);
    this.logger.info('connection renewed', { id: record.id, provider: record.provider, auth: record.auth });
    return this.repository.setState(record.id, 'ok', null, now);
  }

  /** Refuses when the keychain is missing: there is no plaintext fallback. */
  async requireKeychain(vendor: string): Promise<void> {
    const keychain = await this.secrets.check();
    if (!keychain.available) {
      throw new DomainError(
        'unavailable',
        `${vendor} needs the OS keychain, which is not available (${keychain.reason}); nothing was stored`,
      );
    }
  }

  /** Health check: asks the server who we are with the stored credentials; updates and returns the state. */
  async check(id: number): Promise<ConnectionRecord> {
    const record = this.require(id);
    this.secretCache.delete(id);
    const refusal = this.policy.refusal(record.provider);
    if (refusal !== null) return { ...record, state: 'unavailable', stateReason: refusal };
    try {
      if (record.auth === 'oauth') {
        if (this.oauth === null) throw new DomainError('unavailable', 'OAuth is not available in this build');
        await this.oauth.check(record);
      } else {
        const secret = await this.readSecret(record);
        // A Teams webhook has no harmless request (posting would post): having its URL is all there is to check.
        if (record.auth !== 'webhook') await identifyToken(this.http, tokenProvider(record.provider), record.baseUrl, record.login, secret);
      }
      return this.repository.setState(id, 'ok', null, this.clock.now());
    } catch (error) {
      if (error instanceof ConnectionUnusableError) {
        if (error.state === 'unavailable')
          return this.repository.setState(id, 'unavailable', error.message.slice(0, 1000), this.clock.now());
        return this.repository.get(id) ?? record;
      }
      const state = error instanceof DomainError && error.code === 'invalid_input' ? 'needs_reauth' : 'unavailable';
      return this.repository.setState(id, state, error instanceof Error ? error.message : String(error), this.clock.now());
    }
  }

  /** Why `integrations.allowed` leaves the provider out, naming the policy; null when it is allowed. */
  refusal(provider: ConnectionRecord['provider']): string | null {
    return this.policy.refusal(provider);
  }

  /**
   * The Authorization header for a request to the connection's API. Throws ConnectionUnusableError when the
   * connection needs the user (needs_reauth) or the keychain cannot be read (unavailable).
   */
  async authorize(id: number): Promise<ConnectionAuthorization> {
    const record = this.require(id);
    const refusal = this.policy.refusal(record.provider);
    if (refusal !== null) throw new ConnectionUnusableError('unavailable', refusal);
    if (record.state === 'needs_reauth') {
      throw new ConnectionUnusableError('needs_reauth', record.stateReason ?? 'sign in again');
    }
    const authorization = await this.authorizationOf(record);
    // It works again (the keychain or the network came back): say so.
    const current = record.state === 'unavailable' ? this.repository.setState(id, 'ok', null, this.clock.now()) : record;
    return { record: current, authorization };
  }

  private async authorizationOf(record: ConnectionRecord): Promise<string> {
    if (record.auth === 'oauth') {
      if (this.oauth === null) throw new ConnectionUnusableError('unavailable', 'OAuth is not available in this build');
      return `Bearer ${await this.oauth.accessToken(record)}`;
    }
    const secret = await this.readSecret(record);
    switch (record.provider) {
      case 'teams':
        return `${record.baseUrl}${secret.slice(record.site.length)}`;
      case 'jira':
      case 'jira-dc':
      case 'tempo':
      case 'asana':
        return tokenAuthorization(record.provider, record.login, secret);
      case 'slack':
        throw new ConnectionUnusableError('needs_reauth', 'a Slack connection must be made with sign-in (OAuth)');
    }
  }

  /**
   * The provider answered 401 to a request made with `authorization`. API tokens and PATs cannot be refreshed: the
   * connection needs the user. OAuth connections refresh once ('retry' with a new token from authorize()); a 401 to
   * a token that came from such a refresh, or a refused refresh (invalid_grant), means needs_reauth. When the
   * refresh cannot reach the provider it rejects with ConnectionUnusableError('unavailable'): try again later.
   */
  async unauthorized(id: number, authorization: string, status: number): Promise<'retry' | 'needs_reauth'> {
    const record = this.require(id);
    if (record.auth === 'oauth' && this.oauth !== null && record.state !== 'needs_reauth') {
      const rejected = authorization.replace(/^Bearer /, '');
      const next = await this.oauth.afterUnauthorized(record, rejected);
      if (next !== null) return 'retry';
      return 'needs_reauth';
    }
    this.secretCache.delete(id);
    this.markNeedsReauth(id, `the server refused the stored credentials (HTTP ${String(status)})`);
    return 'needs_reauth';
  }

  /** Marks a connection as needing the user: logged (the notification) once, when the state changes. */
  markNeedsReauth(id: number, reason: string): void {
    const before = this.repository.get(id);
    if (before === null) return;
    const at = this.clock.now();
    this.repository.setState(id, 'needs_reauth', reason.slice(0, 1000), at);
    if (before.state !== 'needs_reauth') {
      this.logger.warn('connection needs reauth', { id, provider: before.provider, reason });
      // One notification when the state changes; its sync pauses until the user signs in again.
      this.notifier.notify(notifications.reconnectNeeded(id, vendorName(before.provider), before.site, before.provider, at));
    }
  }

  /** How many secrets are held in memory (for the cap test). */
  get cachedSecrets(): number {
    return this.secretCache.size;
  }

  /** Where the one notification about a connection that needs the user goes. */
  useNotifier(notifier: Notifier): void {
    this.notifier = notifier;
  }

  markUnavailable(id: number, reason: string): void {
    if (this.repository.get(id) === null) return;
    this.repository.setState(id, 'unavailable', reason.slice(0, 1000), this.clock.now());
  }

  /**
   * Forgets the connection: revokes where the vendor supports it (best effort), deletes the keychain entry (a
   * token must not outlive its record), then the record.
   */
  async disconnect(id: number): Promise<void> {
    const record = this.require(id);
    if (record.auth === 'oauth' && this.oauth !== null) {
      try {
        await this.oauth.revoke(record);
      } catch (error) {
        this.logger.warn('the token could not be revoked at the provider; deleting it here anyway', {
          id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    try {
      await this.secrets.delete(secretAccountOf(id));
    } catch (error) {
      throw new DomainError('unavailable', `the keychain entry could not be deleted (${describe(error)}); the connection stays`);
    }
    this.oauth?.forget(id);
    this.secretCache.delete(id);
    this.repository.delete(id);
    this.logger.info('connection removed', { id });
  }

  require(id: number): ConnectionRecord {
    const record = this.repository.get(id);
    if (record === null) throw new DomainError('not_found', `there is no connection #${String(id)}`);
    return record;
  }

  /** The secret of a token connection, or ConnectionUnusableError. */
  private async readSecret(record: ConnectionRecord): Promise<string> {
    const cached = this.secretCache.get(record.id);
    if (cached !== undefined) return cached;
    let secret: string | null;
    try {
      secret = await this.secrets.get(secretAccountOf(record.id));
    } catch (error) {
      this.markUnavailable(record.id, describe(error));
      throw new ConnectionUnusableError('unavailable', describe(error));
    }
    if (secret === null) {
      this.markNeedsReauth(record.id, 'the credentials are missing from the keychain');
      throw new ConnectionUnusableError('needs_reauth', 'the credentials are missing from the keychain');
    }
    this.secretCache.set(record.id, secret);
    return secret;
  }

  private jiraFor(jiraConnectionId: number | undefined): ConnectionRecord {
    const cloud = this.repository.list().filter((c) => c.provider === 'jira');
    if (jiraConnectionId !== undefined) {
      const chosen = cloud.find((c) => c.id === jiraConnectionId);
      if (chosen === undefined) {
        throw new DomainError(
          'invalid_input',
          `connection #${String(jiraConnectionId)} is not a Jira Cloud connection (Tempo logs time for a Jira Cloud account)`,
        );
      }
      return chosen;
    }
    if (cloud.length === 1 && cloud[0] !== undefined) return cloud[0];
    if (cloud.length === 0)
      throw new DomainError('invalid_input', 'Tempo needs a Jira Cloud connection first (clockhand connect jira ...)');
    throw new DomainError(
      'invalid_input',
      `choose the Jira Cloud connection for Tempo with --jira <id> (${cloud.map((c) => `#${String(c.id)} ${c.site}`).join(', ')})`,
    );
  }
}

function tokenProvider(provider: ConnectionProvider): 'jira' | 'jira-dc' | 'tempo' | 'asana' {
  switch (provider) {
    case 'jira':
    case 'jira-dc':
    case 'tempo':
    case 'asana':
      return provider;
    case 'slack':
    case 'teams':
      throw new DomainError('invalid_input', `${provider} has no token check`);
  }
}

function describe(error: unknown): string {
  if (error instanceof SecretStoreUnavailableError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
