import type { Migration } from '../migrate';

/**
 * Connections to Jira and friends. No secret is ever stored here: the token lives in the OS keychain under the
 * account `connection-<id>`.
 */
export const migration003Connections: Migration = {
  version: 3,
  name: 'connections',
  sql: `
    CREATE TABLE connections (
      id           INTEGER PRIMARY KEY,
      provider     TEXT    NOT NULL CHECK (provider IN ('jira', 'jira-dc', 'tempo', 'asana', 'slack', 'teams')),
      auth         TEXT    NOT NULL CHECK (auth IN ('api-token', 'pat', 'oauth', 'webhook')),
      site         TEXT    NOT NULL CHECK (length(site) BETWEEN 1 AND 2048),
      base_url     TEXT    NOT NULL CHECK (length(base_url) BETWEEN 1 AND 2048),
      login        TEXT    CHECK (login IS NULL OR length(login) <= 320),
      account_id   TEXT    CHECK (account_id IS NULL OR length(account_id) <= 200),
      account_name TEXT    CHECK (account_name IS NULL OR length(account_name) <= 200),
      state        TEXT    NOT NULL CHECK (state IN ('ok', 'needs_reauth', 'unavailable')),
      state_reason TEXT    CHECK (state_reason IS NULL OR length(state_reason) <= 1000),
      created_at   INTEGER NOT NULL,
      checked_at   INTEGER NOT NULL
    ) STRICT;
  `,
};
