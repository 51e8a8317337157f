import type { Migration } from '../migrate';

/** Admin policy: the last valid policy per scope (it keeps applying while a file is broken) and the change history. */
export const migration002Policy: Migration = {
  version: 2,
  name: 'policy',
  sql: `
    CREATE TABLE policy_last_valid (
      scope      TEXT    PRIMARY KEY CHECK (scope IN ('machine', 'user-policy')),
      text       TEXT    NOT NULL CHECK (json_valid(text)),
      applied_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE policy_history (
      id       INTEGER PRIMARY KEY,
      at       INTEGER NOT NULL,
      scope    TEXT    NOT NULL CHECK (scope IN ('machine', 'user-policy')),
      key      TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      sentence TEXT    NOT NULL CHECK (length(sentence) BETWEEN 1 AND 1000)
    ) STRICT;
    CREATE INDEX policy_history_by_time ON policy_history (at);
  `,
};
