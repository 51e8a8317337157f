import { randomInt, randomUUID } from 'node:crypto';
import type { Random } from '../../core/ports/random';

const RANGE = 2 ** 47;

/** The Random port from the OS's cryptographic generator (unpredictable screenshot moments and ids). */
export const cryptoRandom: Random = {
  next: () => randomInt(0, RANGE) / RANGE,
  id: () => randomUUID(),
};
