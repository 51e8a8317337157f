import { describe, expect, it } from 'vitest';
import { base64Schema } from './contract';
import { base64OfBytes, base64OfUtf8 } from './base64';

describe('base64OfUtf8', () => {
  it('matches Node for ASCII, padding cases and multi-byte text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'ada@example.com:tok-123', 'ünïcødé 🔑', 'x'.repeat(1000)]) {
      expect(base64OfUtf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});

describe('base64OfBytes', () => {
  it('matches Node for every byte value and padding case', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const length of [0, 1, 2, 3, 4, 255, 256]) {
      const bytes = all.subarray(0, length);
      expect(base64OfBytes(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it("is accepted by the contract's base64 schema for every padding case", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const length of [0, 1, 2, 3, 4, 255, 256]) {
      expect(base64Schema.safeParse(base64OfBytes(all.subarray(0, length))).success).toBe(true);
    }
  });
});
