import type { Migration } from '../migrate';

/**
 * First-run consent: one row (who consented, when, to which version of the consent text, under which organization
 * policy) and the features the person was told about (at consent, or by a notice when the organization turned them on).
 */
export const migration007Trust: Migration = {
  version: 7,
  name: 'trust',
  sql: `
    CREATE TABLE consent (
      id             INTEGER PRIMARY KEY CHECK (id = 1),
      accepted_at    INTEGER NOT NULL,
      text_version   INTEGER NOT NULL CHECK (text_version >= 1),
      policy_version TEXT    NOT NULL CHECK (length(policy_version) BETWEEN 1 AND 100),
      given_by       TEXT    NOT NULL CHECK (given_by IN ('user', 'organization'))
    ) STRICT;

    CREATE TABLE consent_features (
      feature TEXT    PRIMARY KEY CHECK (feature IN ('screenshots')),
      since   INTEGER NOT NULL,
      how     TEXT    NOT NULL CHECK (how IN ('consent', 'notice'))
    ) STRICT;
  `,
};
