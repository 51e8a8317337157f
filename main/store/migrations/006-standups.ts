import type { Migration } from '../migrate';

/**
 * Daily standups and their outbox state: one row per local day. `content` is what Clockhand composed from the
 * tracked day (issue keys, titles, minutes); the user's edits sit beside it. A row is its own outbox item
 * (state, attempts, next attempt, unknown outcome, remote id), so queueing, posting and editing are each one
 * committed row change. No tokens or webhook URLs here: those stay in the keychain.
 */
export const migration006Standups: Migration = {
  version: 6,
  name: 'standups',
  sql: `
    CREATE TABLE standups (
      id              INTEGER PRIMARY KEY,
      day             TEXT    NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      content         TEXT    NOT NULL CHECK (json_valid(content) AND length(content) <= 200000),
      edit_yesterday  TEXT    CHECK (edit_yesterday IS NULL OR length(edit_yesterday) <= 4000),
      edit_today      TEXT    CHECK (edit_today IS NULL OR length(edit_today) <= 4000),
      edit_blockers   TEXT    CHECK (edit_blockers IS NULL OR length(edit_blockers) <= 4000),
      state           TEXT    NOT NULL CHECK (state IN ('draft', 'pending', 'in_flight', 'posted', 'needs_attention', 'needs_reauth')),
      connection_id   INTEGER,
      target          TEXT    CHECK (target IS NULL OR json_valid(target)),
      revision        INTEGER NOT NULL DEFAULT 1,
      posted_revision INTEGER NOT NULL DEFAULT 0,
      sent_revision   INTEGER,
      outcome_unknown INTEGER NOT NULL DEFAULT 0 CHECK (outcome_unknown IN (0, 1)),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      last_error      TEXT    CHECK (last_error IS NULL OR length(last_error) <= 1000),
      remote_id       TEXT    CHECK (remote_id IS NULL OR length(remote_id) <= 400),
      remote_channel  TEXT    CHECK (remote_channel IS NULL OR length(remote_channel) <= 400),
      offered_at      INTEGER,
      queued_at       INTEGER,
      posted_at       INTEGER,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX standups_queue ON standups (state, next_attempt_at);
  `,
};
