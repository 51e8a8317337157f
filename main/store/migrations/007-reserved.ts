import type { Migration } from '../migrate';

/**
 * Placeholder: version 7 is reserved for another branch's migration, which replaces this file when both are merged
 * (migrations have no gaps, and 008 needs a 7 before it). It changes nothing.
 */
export const migration007Reserved: Migration = {
  version: 7,
  name: 'reserved',
  sql: 'SELECT 1;',
};
