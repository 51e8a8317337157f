import type { Migration } from '../migrate';

/**
 * Placeholder: version 6 is reserved for another branch's migration, which replaces this file when both are merged
 * (migrations have no gaps, and 007 needs a 6 before it). It changes nothing.
 */
export const migration006Reserved: Migration = {
  version: 6,
  name: 'reserved',
  sql: 'SELECT 1;',
};
