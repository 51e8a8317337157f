import { z } from 'zod';
import { base64OfUtf8 } from '../../../common/base64';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import { secretAccountOf, type ConnectionRecord, type ConnectionRepository } from '../ports/connections';
import type { EndpointRules } from '../ports/endpoint-rules';
import { HttpError, type HttpClient } from '../ports/http-client';
import type { Logger } from '../ports/logger';
import { SecretStoreUnavailableError, type SecretStore } from '../ports/secret-store';

/** What a sync worker needs to call a connection's API: where, and with which Authorization header. */
export interface ConnectionAuthorization {
  readonly record: ConnectionRecord;
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

export type ConnectRequest =
  | { readonly provider: 'jira'; readonly site: string; readonly email: string; readonly token: string }
  | { readonly provider: 'jira-dc'; readonly baseUrl: string; readonly token: string };

const cloudMyselfSchema = z.object({ accountId: z.string().min(1).max(200), displayName: z.string().max(200).optional() });
const serverMyselfSchema = z.object({ name: z.string().min(1).max(200), displayName: z.string().max(200).optional() });

interface Identity {
  readonly accountId: string;
  readonly accountName: string | null;
}

/**
 * Connections with API tokens (Jira Cloud: email + API token, Basic) and personal access tokens (Jira Data Center,
 * Bearer). A token is checked against the server before anything is stored, then lives only in the keychain.
 */
export class ConnectionService {
  /** Tokens read from the keychain, kept in memory only (a keychain read over D-Bus costs tens of ms per request). */
  private readonly tokens = new Map<number, string>();

  constructor(
    private readonly repository: ConnectionRepository,
    private readonly secrets: SecretStore,
    private readonly http: HttpClient,
    private readonly endpoints: EndpointRules,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  list(): ConnectionRecord[] {
    return this.repository.list();
  }

  async connect(request: ConnectRequest): Promise<ConnectionRecord> {
    const decision = this.endpoints.resolve(request.provider, request.provider === 'jira' ? request.site : request.baseUrl);
    if (!decision.ok) throw new DomainError('invalid_input', decision.message);
    const keychain = await this.secrets.check();
    if (!keychain.available) {
      throw new DomainError('unavailable', `Jira needs the OS keychain, which is not available (${keychain.reason}); nothing was stored`);
    }
    const login = request.provider === 'jira' ? request.email : null;
    const identity = await this.identify(request.provider, decision.baseUrl, login, request.token);
    const now = this.clock.now();
    const record = this.repository.insert({
      provider: request.provider,
      auth: request.provider === 'jira' ? 'api-token' : 'pat',
      site: decision.site,
      baseUrl: decision.baseUrl,
      login,
      accountId: identity.accountId,
      accountName: identity.accountName,
      state: 'ok',
      stateReason: null,
      createdAt: now,
      checkedAt: now,
    });
    try {
      await this.secrets.set(secretAccountOf(record.id), request.token);
    } catch (error) {
      this.repository.delete(record.id);
      throw new DomainError('unavailable', `the token could not be stored in the keychain (${describe(error)}); nothing was stored`);
    }
    this.logger.info('connection added', { id: record.id, provider: record.provider });
    return record;
  }

  /** Health check: asks the server who we are with the stored token; updates and returns the state. */
  async check(id: number): Promise<ConnectionRecord> {
    const record = this.require(id);
    this.tokens.delete(id);
    let token: string | null;
    try {
      token = await this.secrets.get(secretAccountOf(id));
    } catch (error) {
      return this.repository.setState(id, 'unavailable', describe(error), this.clock.now());
    }
    if (token === null) return this.repository.setState(id, 'needs_reauth', 'the token is missing from the keychain', this.clock.now());
    try {
      await this.identify(record.provider, record.baseUrl, record.login, token);
      return this.repository.setState(id, 'ok', null, this.clock.now());
    } catch (error) {
      const state = error instanceof DomainError && error.code === 'invalid_input' ? 'needs_reauth' : 'unavailable';
      return this.repository.setState(id, state, error instanceof Error ? error.message : String(error), this.clock.now());
    }
  }

  /**
   * The Authorization header for a request to the connection's API. Throws ConnectionUnusableError when the
   * connection needs the user (needs_reauth) or the keychain cannot be read (unavailable).
   */
  async authorize(id: number): Promise<ConnectionAuthorization> {
    const record = this.require(id);
    if (record.state === 'needs_reauth') throw new ConnectionUnusableError('needs_reauth', record.stateReason ?? 'sign in again');
    let token: string | null = this.tokens.get(id) ?? null;
    try {
      token ??= await this.secrets.get(secretAccountOf(id));
    } catch (error) {
      throw new ConnectionUnusableError('unavailable', describe(error));
    }
    if (token !== null) this.tokens.set(id, token);
    if (token === null) {
      this.repository.setState(id, 'needs_reauth', 'the token is missing from the keychain', this.clock.now());
      throw new ConnectionUnusableError('needs_reauth', 'the token is missing from the keychain');
    }
    const authorization = record.auth === 'api-token' ? `Basic ${base64OfUtf8(`${record.login ?? ''}:${token}`)}` : `Bearer ${token}`;
    return { record, authorization };
  }

  /**
   * The provider answered 401 to a request made with `authorization`. API tokens and PATs cannot be refreshed: the
   * connection needs the user. (OAuth connections refresh once first, and say 'retry' when a new token is ready.)
   */
  unauthorized(id: number, _authorization: string, status: number): Promise<'retry' | 'needs_reauth'> {
    this.tokens.delete(id);
    this.repository.setState(id, 'needs_reauth', `the server refused the stored credentials (HTTP ${String(status)})`, this.clock.now());
    this.logger.warn('connection needs reauth', { id, status });
    return Promise.resolve('needs_reauth');
  }

  /** Forgets the connection: the keychain entry first (a token must not outlive its record), then the record. */
  async disconnect(id: number): Promise<void> {
    this.require(id);
    try {
      await this.secrets.delete(secretAccountOf(id));
    } catch (error) {
      throw new DomainError('unavailable', `the keychain entry could not be deleted (${describe(error)}); the connection stays`);
    }
    this.tokens.delete(id);
    this.repository.delete(id);
    this.logger.info('connection removed', { id });
  }

  private require(id: number): ConnectionRecord {
    const record = this.repository.get(id);
    if (record === null) throw new DomainError('not_found', `there is no connection #${String(id)}`);
    return record;
  }

  private async identify(provider: 'jira' | 'jira-dc', baseUrl: string, login: string | null, token: string): Promise<Identity> {
    const cloud = provider === 'jira';
    const authorization = cloud ? `Basic ${base64OfUtf8(`${login ?? ''}:${token}`)}` : `Bearer ${token}`;
    const url = `${baseUrl}${cloud ? '/rest/api/3/myself' : '/rest/api/2/myself'}`;
    let response;
    try {
      response = await this.http.request({ method: 'GET', url, headers: { authorization, accept: 'application/json' }, timeoutMs: 20_000 });
    } catch (error) {
      const why = error instanceof HttpError ? error.message : describe(error);
      throw new DomainError('unavailable', `Jira at ${baseUrl} could not be reached: ${why}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new DomainError(
        'invalid_input',
        `Jira refused the ${cloud ? 'email and API token' : 'personal access token'} (HTTP ${String(response.status)})`,
      );
    }
    if (response.status !== 200) throw new DomainError('unavailable', `Jira answered HTTP ${String(response.status)} to ${url}`);
    const json = safeJson(response.body);
    if (cloud) {
      const me = cloudMyselfSchema.safeParse(json);
      if (!me.success) throw new DomainError('unavailable', 'Jira answered /myself with something that is not a Jira user');
      return { accountId: me.data.accountId, accountName: me.data.displayName ?? null };
    }
    const me = serverMyselfSchema.safeParse(json);
    if (!me.success) throw new DomainError('unavailable', 'Jira answered /myself with something that is not a Jira user');
    return { accountId: me.data.name, accountName: me.data.displayName ?? null };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof SecretStoreUnavailableError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
