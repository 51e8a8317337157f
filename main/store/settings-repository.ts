import type Database from 'better-sqlite3';

export interface SettingsRepository {
  /** The stored JSON value, or undefined when the key is not set. */
  get(key: string): unknown;
  set(key: string, value: unknown, now: number): void;
  delete(key: string): void;
  all(): Record<string, unknown>;
}

/** Key/value user settings stored as JSON text (validated by their readers, never trusted here). */
export function createSettingsRepository(db: Database.Database): SettingsRepository {
  const get = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const set = db.prepare<[string, string, number]>(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  const all = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings ORDER BY key');
  return {
    get: (key) => {
      const row = get.get(key);
      return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
    },
    set: (key, value, now) => {
      const json = JSON.stringify(value) as string | undefined; // undefined for functions and undefined
      if (json === undefined) throw new Error(`setting ${key}: value is not JSON`);
      set.run(key, json, now);
    },
    delete: (key) => {
      remove.run(key);
    },
    all: () => Object.fromEntries(all.all().map((row) => [row.key, JSON.parse(row.value_json) as unknown])),
  };
}
