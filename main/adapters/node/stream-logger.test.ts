import { describe, expect, it } from 'vitest';
import { Redactor } from '../../core/logging/redactor';
import { crashFields, createStreamLogger } from './stream-logger';

describe('the stream logger', () => {
  it('writes one redacted JSON line per record; fields cannot overwrite time, level or message', () => {
    const lines: string[] = [];
    const logger = createStreamLogger(
      (line) => lines.push(line),
      'info',
      new Redactor(),
      () => 0,
    );
    logger.debug('dropped below the level');
    logger.warn('refused for ada@example.com', { level: 'fake', message: 'fake', token: 'abc123', status: 401 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'warn',
      message: 'refused for [email]',
      token: '[redacted]',
      status: 401,
    });
  });

  it('crash records carry the kind, a redacted message and file:line frames, no paths or content', () => {
    const error = new TypeError('cannot read "note" of entry for grace@acme.example: Bearer abcdef123456');
    error.stack = [
      `TypeError: ${error.message}`,
      '    at Tracker.tick (/home/grace/.npm/_npx/clockhand/out/main/cli.js:1234:56)',
      '    at listOnTimeout (node:internal/timers:581:17)',
      '    at /home/grace/projects/secret-client/x.ts:7:1',
    ].join('\n');
    const fields = crashFields(error, new Redactor());
    expect(fields).toEqual({
      kind: 'TypeError',
      message: 'cannot read "note" of entry for [email]: Bearer [redacted]',
      frames: 'cli.js:1234:56 < x.ts:7:1',
    });
    expect(JSON.stringify(fields)).not.toMatch(/grace|home|secret-client/);
    expect(crashFields('plain string with token=abc', new Redactor())).toEqual({
      kind: 'string',
      message: 'plain string with token=[redacted]',
    });
  });
});
