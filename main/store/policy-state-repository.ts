import type Database from 'better-sqlite3';
import type { PolicyChange, PolicyScope, PolicyStateRepository } from '../core/ports/policy';

interface HistoryRow {
  at: number;
  scope: string;
  key: string;
  sentence: string;
}

function toScope(text: string): PolicyScope {
  if (text === 'machine' || text === 'user-policy') return text;
  throw new Error(`corrupt policy history: scope ${text}`);
}

export function createPolicyStateRepository(db: Database.Database): PolicyStateRepository {
  const lastValid = db.prepare<[string], { text: string; applied_at: number }>(
    'SELECT text, applied_at FROM policy_last_valid WHERE scope = ?',
  );
  const save = db.prepare<[string, string, number]>(
    `INSERT INTO policy_last_valid (scope, text, applied_at) VALUES (?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET text = excluded.text, applied_at = excluded.applied_at`,
  );
  const clear = db.prepare<[string]>('DELETE FROM policy_last_valid WHERE scope = ?');
  const append = db.prepare<[number, string, string, string]>('INSERT INTO policy_history (at, scope, key, sentence) VALUES (?, ?, ?, ?)');
  const history = db.prepare<[number], HistoryRow>('SELECT at, scope, key, sentence FROM policy_history ORDER BY at DESC, id DESC LIMIT ?');
  return {
    lastValid: (scope) => {
      const row = lastValid.get(scope);
      return row === undefined ? null : { text: row.text, appliedAt: row.applied_at };
    },
    saveLastValid: (scope, text, at) => {
      save.run(scope, text, at);
    },
    clearLastValid: (scope) => {
      clear.run(scope);
    },
    appendHistory: (change: PolicyChange) => {
      append.run(change.at, change.scope, change.key, change.sentence);
    },
    history: (limit) => history.all(limit).map((row) => ({ at: row.at, scope: toScope(row.scope), key: row.key, sentence: row.sentence })),
  };
}
