import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER_BYTES, sealedLength, sealImage, TAG_BYTES, unsealImage } from './screenshots/sealed-file';
import { writeAll } from './write-all';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function writeParts(parts: Buffer[]): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-writeall-'));
  dirs.push(dir);
  const path = join(dir, 'file');
  const file = await open(path, 'w', 0o600);
  try {
    await writeAll(file, parts);
  } finally {
    await file.close();
  }
  return readFileSync(path);
}

describe('gathered writes of a sealed file', () => {
  it('writes more parts than one writev takes (IOV_MAX), empty parts included, byte for byte in order', async () => {
    const parts = Array.from({ length: 1_500 }, (_, i) => (i % 7 === 0 ? Buffer.alloc(0) : randomBytes(1 + (i % 300))));
    expect((await writeParts(parts)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('a multi-megabyte image sealed in parts reads back and authenticates as one file', async () => {
    const key = randomBytes(32);
    const ref = { id: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', capturedAt: 1_795_000_000_000, day: '2026-11-30', display: 'screen-0' };
    const image = randomBytes(5 * 1024 * 1024 + 123);
    const parts = sealImage(key, ref, 'full', image);
    // Header, ciphertext, tag: the image is never copied into one file-sized buffer with the header in front.
    expect(parts.map((part) => part.length)).toEqual([HEADER_BYTES, image.length, TAG_BYTES]);
    const file = await writeParts(parts);
    expect(file.length).toBe(sealedLength(parts));
    const opened = unsealImage(key, ref, 'full', file);
    expect(opened.ok && opened.plaintext.equals(image)).toBe(true);
    file[file.length - 1] = (file[file.length - 1] ?? 0) ^ 1;
    expect(unsealImage(key, ref, 'full', file).ok).toBe(false);
  });
});
