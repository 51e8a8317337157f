import type { Migration } from '../migrate';
import { migration001Initial } from './001-initial';
import { migration002Policy } from './002-policy';
import { migration003Connections } from './003-connections';
import { migration004Sync } from './004-sync';
import { migration005Screenshots } from './005-screenshots';
import { migration006Standups } from './006-standups';
import { migration007Trust } from './007-trust';
import { migration008ReportIndexes } from './008-report-indexes';

/** Every migration, in order. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [
  migration001Initial,
  migration002Policy,
  migration003Connections,
  migration004Sync,
  migration005Screenshots,
  migration006Standups,
  migration007Trust,
  migration008ReportIndexes,
];
