import type { ConnectionRecord, ConnectionRepository, NewConnection } from '../../main/core/ports/connections';

/** A ConnectionRepository in a Map (core tests; the SQLite one is tested with the store). */
export class InMemoryConnectionRepository implements ConnectionRepository {
  private readonly rows = new Map<number, ConnectionRecord>();
  private next = 1;

  insert(connection: NewConnection): ConnectionRecord {
    const record = { ...connection, id: this.next++ };
    this.rows.set(record.id, record);
    return record;
  }
  get(id: number): ConnectionRecord | null {
    return this.rows.get(id) ?? null;
  }
  list(): ConnectionRecord[] {
    return [...this.rows.values()];
  }
  setState(id: number, state: ConnectionRecord['state'], reason: string | null, at: number): ConnectionRecord {
    const row = this.rows.get(id);
    if (row === undefined) throw new Error(`no connection ${String(id)}`);
    const updated = { ...row, state, stateReason: reason, checkedAt: at };
    this.rows.set(id, updated);
    return updated;
  }
  delete(id: number): void {
    this.rows.delete(id);
  }
}
