import type Database from 'better-sqlite3';
import type { ConnectionRecord, ConnectionRepository, ConnectionState } from '../core/ports/connections';
import type { ConnectionAuth, ConnectionProvider } from '../core/ports/endpoint-rules';

interface Row {
  id: number;
  provider: string;
  auth: string;
  site: string;
  base_url: string;
  login: string | null;
  account_id: string | null;
  account_name: string | null;
  state: string;
  state_reason: string | null;
  created_at: number;
  checked_at: number;
}

function pick<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`corrupt connection: ${what} ${value}`);
  return found;
}

function toRecord(row: Row): ConnectionRecord {
  return {
    id: row.id,
    provider: pick<ConnectionProvider>(row.provider, ['jira', 'jira-dc', 'tempo', 'asana', 'slack', 'teams'], 'provider'),
    auth: pick<ConnectionAuth>(row.auth, ['api-token', 'pat', 'oauth', 'webhook'], 'auth'),
    site: row.site,
    baseUrl: row.base_url,
    login: row.login,
    accountId: row.account_id,
    accountName: row.account_name,
    state: pick<ConnectionState>(row.state, ['ok', 'needs_reauth', 'unavailable'], 'state'),
    stateReason: row.state_reason,
    createdAt: row.created_at,
    checkedAt: row.checked_at,
  };
}

export function createConnectionRepository(db: Database.Database): ConnectionRepository {
  const insert = db.prepare<
    [string, string, string, string, string | null, string | null, string | null, string, string | null, number, number],
    Row
  >(
    `INSERT INTO connections (provider, auth, site, base_url, login, account_id, account_name, state, state_reason, created_at, checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const get = db.prepare<[number], Row>('SELECT * FROM connections WHERE id = ?');
  const list = db.prepare<[], Row>('SELECT * FROM connections ORDER BY id');
  const setState = db.prepare<[string, string | null, number, number], Row>(
    'UPDATE connections SET state = ?, state_reason = ?, checked_at = ? WHERE id = ? RETURNING *',
  );
  const remove = db.prepare<[number]>('DELETE FROM connections WHERE id = ?');
  return {
    insert: (c) => {
      const row = insert.get(
        c.provider,
        c.auth,
        c.site,
        c.baseUrl,
        c.login,
        c.accountId,
        c.accountName,
        c.state,
        c.stateReason,
        c.createdAt,
        c.checkedAt,
      );
      if (row === undefined) throw new Error('insert returned no row');
      return toRecord(row);
    },
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? null : toRecord(row);
    },
    list: () => list.all().map(toRecord),
    setState: (id, state, reason, at) => {
      const row = setState.get(state, reason, at, id);
      if (row === undefined) throw new Error(`no connection ${String(id)}`);
      return toRecord(row);
    },
    delete: (id) => {
      remove.run(id);
    },
  };
}
