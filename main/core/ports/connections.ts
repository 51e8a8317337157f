import type { ConnectionAuth, ConnectionProvider } from './endpoint-rules';

export type ConnectionState = 'ok' | 'needs_reauth' | 'unavailable';

export interface ConnectionRecord {
  readonly id: number;
  readonly provider: ConnectionProvider;
  readonly auth: ConnectionAuth;
  /** What the user named: https://acme.atlassian.net */
  readonly site: string;
  /**
   * Where API requests go (differs from site only under CLOCKHAND_ENDPOINTS): the Jira site, Jira 3LO's
   * https://api.atlassian.com/ex/jira/<cloud id>, https://api.tempo.io/4, https://app.asana.com/api/1.0,
   * https://slack.com/api, https://graph.microsoft.com/v1.0, or a Teams webhook's origin.
   */
  readonly baseUrl: string;
  readonly login: string | null;
  /** Jira: the account id; Tempo: the Jira account id of the author; Asana: the user gid; Slack/Teams: the user id. */
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly state: ConnectionState;
  readonly stateReason: string | null;
  readonly createdAt: number;
  readonly checkedAt: number;
}

export type NewConnection = Omit<ConnectionRecord, 'id'>;

export interface ConnectionRepository {
  insert(connection: NewConnection): ConnectionRecord;
  get(id: number): ConnectionRecord | null;
  list(): ConnectionRecord[];
  setState(id: number, state: ConnectionState, reason: string | null, at: number): ConnectionRecord;
  delete(id: number): void;
}

/** The keychain account holding a connection's secret. */
export function secretAccountOf(id: number): string {
  return `connection-${String(id)}`;
}
