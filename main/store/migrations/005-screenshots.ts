import type { Migration } from '../migrate';

/**
 * Screenshot metadata, day keys and the user's opt-in. No pixels and no key in the clear: the images are encrypted
 * files under the data directory, each day key is stored wrapped (AES-256-GCM) by the master key, and the master
 * key lives only in the OS keychain (account `screenshots-master-key`).
 */
export const migration005Screenshots: Migration = {
  version: 5,
  name: 'screenshots',
  sql: `
    CREATE TABLE screenshots (
      id          TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
      captured_at INTEGER NOT NULL,
      day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      display     TEXT    NOT NULL CHECK (length(display) BETWEEN 1 AND 200),
      width       INTEGER NOT NULL CHECK (width >= 0),
      height      INTEGER NOT NULL CHECK (height >= 0),
      blurred     INTEGER NOT NULL CHECK (blurred IN (0, 1)),
      bytes       INTEGER NOT NULL CHECK (bytes >= 0),
      entry_id    INTEGER,
      task_ref    TEXT    CHECK (task_ref IS NULL OR length(task_ref) <= 400),
      state       TEXT    NOT NULL CHECK (state IN ('ok', 'tampered'))
    ) STRICT;
    CREATE INDEX screenshots_by_time ON screenshots (captured_at);

    CREATE TABLE screenshot_day_keys (
      day        TEXT    PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      wrapped    BLOB    NOT NULL CHECK (length(wrapped) BETWEEN 16 AND 256),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE screenshot_opt_in (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
