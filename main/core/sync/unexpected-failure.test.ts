import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/fakes/fake-time';
import type { Logger } from '../ports/logger';
import { retryAfterUnexpected } from './unexpected-failure';

describe('an attempt that threw', () => {
  it('is tried again after the backoff with its outcome unknown, and logged by message only', () => {
    const lines: { level: string; message: string; fields: unknown }[] = [];
    const log = (level: string) => (message: string, fields?: unknown) => lines.push({ level, message, fields });
    const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const clock = new FakeTime(1_000_000);
    const thrown = new TypeError('cannot read properties of undefined');
    // Attempt 3: the backoff ceiling is 4 s; random 0.5 gives 2 s.
    expect(retryAfterUnexpected(thrown, 3, { clock, random: () => 0.5, logger }, 'sync attempt', { item: 7 })).toEqual({
      kind: 'retry',
      at: 1_002_000,
      error: 'internal error',
      outcomeUnknown: true,
    });
    expect(lines).toEqual([
      { level: 'error', message: 'sync attempt failed unexpectedly', fields: { item: 7, error: 'cannot read properties of undefined' } },
    ]);
    retryAfterUnexpected('a string', 1, { clock, random: () => 0.99, logger }, 'standup attempt', { standup: 2 });
    expect(lines[1]?.fields).toEqual({ standup: 2, error: 'a string' });
  });
});
