import { describe, expect, it } from 'vitest';
import { base64OfUtf8 } from './base64';

describe('base64OfUtf8', () => {
  it('matches Node for ASCII, padding cases and multi-byte text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'ada@example.com:tok-123', 'ünïcødé 🔑', 'x'.repeat(1000)]) {
      expect(base64OfUtf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});
