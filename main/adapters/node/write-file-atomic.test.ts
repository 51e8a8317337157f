import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic (temp file, fsync, rename)', () => {
  const root = mkdtempSync(join(tmpdir(), 'clockhand-atomic-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('lands the content with the mode asked for, replaces an older file, and leaves no temp file', () => {
    const dir = join(root, 'ok');
    mkdirSync(dir);
    const file = join(dir, 'entry.txt');
    writeFileSync(file, 'old content that is longer than the new one');
    writeFileAtomic(file, 'new ✓', 0o600);
    expect(readFileSync(file, 'utf8')).toBe('new ✓');
    writeFileAtomic(join(dir, 'bytes.bin'), new Uint8Array([0, 1, 2, 255]), 0o600);
    expect([...readFileSync(join(dir, 'bytes.bin'))]).toEqual([0, 1, 2, 255]);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'bytes.bin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['bytes.bin', 'entry.txt']);
  });

  it('throws and leaves no temp file (and the target untouched) when the write cannot complete', () => {
    const dir = join(root, 'fail');
    mkdirSync(dir);
    // The target is a non-empty directory: the temp file is written, the rename fails.
    const target = join(dir, 'target');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'keep');
    expect(() => {
      writeFileAtomic(target, 'data', 0o600);
    }).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('keep');
  });

  it('throws without creating anything when the folder does not exist', () => {
    expect(() => {
      writeFileAtomic(join(root, 'missing', 'x.txt'), 'data', 0o600);
    }).toThrow();
    expect(readdirSync(root).includes('missing')).toBe(false);
  });
});
