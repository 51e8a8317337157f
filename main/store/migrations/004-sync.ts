import type { Migration } from '../migrate';

/**
 * The sync outbox, and the cache of tasks assigned to the user. One row per (entry, connection, remote object): the desired state of that remote worklog
 * (`op` upsert or delete, `payload` of the latest revision). Domain changes and their rows commit in one
 * transaction; edits coalesce into the row (revision + 1). `installation` holds a random id that makes
 * idempotency keys unique across reinstalls and erased databases.
 */
export const migration004Sync: Migration = {
  version: 4,
  name: 'sync outbox',
  sql: `
    CREATE TABLE installation (
      id TEXT NOT NULL CHECK (length(id) = 32)
    ) STRICT;
    INSERT INTO installation (id) VALUES (lower(hex(randomblob(16))));

    CREATE TABLE sync_items (
      id              INTEGER PRIMARY KEY,
      entry_id        INTEGER NOT NULL,
      connection_id   INTEGER NOT NULL,
      provider        TEXT    NOT NULL CHECK (provider IN ('jira', 'jira-dc', 'tempo', 'asana')),
      remote_object   TEXT    NOT NULL CHECK (length(remote_object) BETWEEN 1 AND 400),
      op              TEXT    NOT NULL CHECK (op IN ('upsert', 'delete')),
      payload         TEXT    NOT NULL CHECK (json_valid(payload)),
      revision        INTEGER NOT NULL DEFAULT 1,
      synced_revision INTEGER NOT NULL DEFAULT 0,
      sent_payload    TEXT    CHECK (sent_payload IS NULL OR json_valid(sent_payload)),
      sent_revision   INTEGER,
      state           TEXT    NOT NULL CHECK (state IN ('pending', 'in_flight', 'done', 'needs_attention', 'needs_reauth')),
      outcome_unknown INTEGER NOT NULL DEFAULT 0 CHECK (outcome_unknown IN (0, 1)),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error      TEXT    CHECK (last_error IS NULL OR length(last_error) <= 1000),
      remote_id       TEXT    CHECK (remote_id IS NULL OR length(remote_id) <= 200),
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      UNIQUE (entry_id, connection_id, remote_object)
    ) STRICT;
    CREATE INDEX sync_items_queue ON sync_items (connection_id, state, id);
    CREATE INDEX sync_items_state ON sync_items (state, connection_id);
    CREATE INDEX sync_items_object ON sync_items (connection_id, remote_object, state, id);
    CREATE INDEX sync_items_entry ON sync_items (entry_id);

    -- Tasks assigned to the user, cached per connection (shown offline with their age).
    CREATE TABLE assigned_tasks (
      connection_id INTEGER NOT NULL,
      task_ref      TEXT    NOT NULL CHECK (length(task_ref) BETWEEN 1 AND 400),
      title         TEXT    NOT NULL CHECK (length(title) <= 1000),
      status        TEXT    CHECK (status IS NULL OR length(status) <= 200),
      project       TEXT    CHECK (project IS NULL OR length(project) <= 400),
      position      INTEGER NOT NULL,
      PRIMARY KEY (connection_id, task_ref)
    ) STRICT;
    CREATE TABLE assigned_task_refreshes (
      connection_id INTEGER PRIMARY KEY,
      refreshed_at  INTEGER,
      failed_at     INTEGER,
      error         TEXT CHECK (error IS NULL OR length(error) <= 1000)
    ) STRICT;
  `,
};
