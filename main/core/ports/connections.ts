import type { ConnectionProvider } from './endpoint-rules';

export type ConnectionState = 'ok' | 'needs_reauth' | 'unavailable';

export interface ConnectionRecord {
  readonly id: number;
  readonly provider: ConnectionProvider;
  readonly auth: 'api-token' | 'pat';
  /** What the user named: https://acme.atlassian.net */
  readonly site: string;
  /** Where requests go (differs from site only under CLOCKHAND_ENDPOINTS). */
  readonly baseUrl: string;
  readonly login: string | null;
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
