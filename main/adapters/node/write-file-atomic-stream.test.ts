import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomicStream } from './write-file-atomic-stream';

describe('writeFileAtomicStream (appends to a temp file, fsync, rename)', () => {
  const root = mkdtempSync(join(tmpdir(), 'clockhand-atomic-stream-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('lands every appended piece in order with the mode asked for, replaces an older file, and leaves no temp file', async () => {
    const dir = join(root, 'ok');
    mkdirSync(dir);
    const file = join(dir, 'out.bin');
    writeFileSync(file, 'old content that is longer than the new one');
    await writeFileAtomicStream(file, 0o600, async (append) => {
      for (let i = 0; i < 300; i += 1) await append(Buffer.alloc(1_000, i % 256));
      await append(new Uint8Array(0));
      // Before the producer finishes, the target still holds the old content.
      expect(readFileSync(file, 'utf8')).toBe('old content that is longer than the new one');
    });
    const written = readFileSync(file);
    expect(written.length).toBe(300_000);
    expect(written[0]).toBe(0);
    expect(written[299_999]).toBe(299 % 256);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('a producer that fails half way leaves the target as it was and no temp file', async () => {
    const dir = join(root, 'producer-fails');
    mkdirSync(dir);
    const file = join(dir, 'out.bin');
    writeFileSync(file, 'keep');
    await expect(
      writeFileAtomicStream(file, 0o600, async (append) => {
        await append(Buffer.alloc(100_000, 1));
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual(['out.bin']);
    await expect(writeFileAtomicStream(join(dir, 'new.bin'), 0o600, () => Promise.reject(new Error('nothing to write')))).rejects.toThrow(
      'nothing to write',
    );
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('a rename that fails removes the temp file; a missing folder creates nothing', async () => {
    const dir = join(root, 'rename-fails');
    mkdirSync(dir);
    // The target is a non-empty directory: the temp file is written, the rename fails.
    const target = join(dir, 'target');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep');
    await expect(writeFileAtomicStream(target, 0o600, (append) => append(Buffer.from('data')))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('keep');
    await expect(writeFileAtomicStream(join(root, 'missing', 'x.bin'), 0o600, (append) => append(Buffer.from('x')))).rejects.toThrow();
    expect(readdirSync(root).includes('missing')).toBe(false);
  });
});
