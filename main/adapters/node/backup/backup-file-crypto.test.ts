import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupCorruptError } from './backup-crypto';
import { CHUNK_BYTES, openBackupFile, sealBackupFile } from './backup-file-crypto';

const root = mkdtempSync(join(tmpdir(), 'clockhand-backup-crypto-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/**
 * The one-shot sealBackup and openBackup of Clockhand before backups streamed (commit 6cafe70), kept verbatim as the
 * reference for format version 1: "CHBK" | 1 | 12-byte nonce | ciphertext | 16-byte tag, header + id authenticated.
 */
function sealBackupV1(key: Buffer, id: string, plaintext: Buffer): Buffer {
  const nonce = randomBytes(12);
  const header = Buffer.concat([Buffer.from('CHBK', 'ascii'), Buffer.from([1]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([header, Buffer.from(id, 'utf8')]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

function openBackupV1(key: Buffer, id: string, sealed: Buffer): Buffer {
  const header = sealed.subarray(0, 17);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(5, 17));
  decipher.setAAD(Buffer.concat([header, Buffer.from(id, 'utf8')]));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(17, sealed.length - 16)), decipher.final()]);
}

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

describe('backup files are encrypted and decrypted a chunk at a time, in format version 1', () => {
  const key = randomBytes(32);
  // Several chunks and a short last one: every chunk boundary is crossed.
  const plaintext = randomBytes(CHUNK_BYTES * 3 + 1_234);

  it('reads what the one-shot v1 code wrote, and writes what it reads (same layout, same length)', async () => {
    const dir = folder('compat');
    writeFileSync(join(dir, 'old.chbk'), sealBackupV1(key, '20261101-090000', plaintext));
    await openBackupFile(key, '20261101-090000', join(dir, 'old.chbk'), join(dir, 'old.db'));
    expect(readFileSync(join(dir, 'old.db')).equals(plaintext)).toBe(true);

    writeFileSync(join(dir, 'plain.db'), plaintext);
    await sealBackupFile(key, '20261101-100000', join(dir, 'plain.db'), join(dir, 'new.chbk'));
    const sealed = readFileSync(join(dir, 'new.chbk'));
    expect(sealed.length).toBe(4 + 1 + 12 + plaintext.length + 16);
    expect(sealed.subarray(0, 5).equals(Buffer.from('CHBK\u0001', 'latin1'))).toBe(true);
    expect(sealed.includes(plaintext.subarray(0, 64))).toBe(false);
    expect(openBackupV1(key, '20261101-100000', sealed).equals(plaintext)).toBe(true);
    // The id is authenticated: the same file under another id does not open.
    expect(() => openBackupV1(key, '20261101-100001', sealed)).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['new.chbk', 'old.chbk', 'old.db', 'plain.db']);
  });

  it('decrypts the committed file the v1 code wrote to the database it sealed', async () => {
    const dir = folder('fixture');
    const fixture = join(import.meta.dirname, 'v1-20261127-090000.chbk');
    const v1Key = Buffer.alloc(32, 7);
    await openBackupFile(v1Key, '20261127-090000', fixture, join(dir, 'v1.db'));
    const restored = readFileSync(join(dir, 'v1.db'));
    expect(createHash('sha256').update(restored).digest('hex')).toBe('c63ba12cfe9087b6bcce10e2452b593fbd1fcaa1cccd4cd206c1ab7b15d0596d');
    expect(openBackupV1(v1Key, '20261127-090000', readFileSync(fixture)).equals(restored)).toBe(true);
  });

  it('a damaged, truncated or foreign backup throws BackupCorruptError and leaves no plaintext, not even a part', async () => {
    const dir = folder('corrupt');
    const id = '20261102-090000';
    const good = sealBackupV1(key, id, plaintext);
    const flip = (at: number): Buffer => {
      const copy = Buffer.from(good);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };
    const cases: [string, Buffer, string, Buffer][] = [
      ['first ciphertext byte', flip(17), id, key],
      ['last ciphertext byte', flip(good.length - 17), id, key],
      ['nonce', flip(6), id, key],
      ['tag', flip(good.length - 1), id, key],
      ['version', flip(4), id, key],
      ['magic', flip(0), id, key],
      ['cut off by one byte', good.subarray(0, good.length - 1), id, key],
      ['cut off after two chunks', good.subarray(0, 17 + 2 * CHUNK_BYTES), id, key],
      ['header only', good.subarray(0, 17), id, key],
      ['empty', Buffer.alloc(0), id, key],
      ['another id', good, '20261102-090001', key],
      ['another key', good, id, randomBytes(32)],
    ];
    for (const [what, bytes, asId, withKey] of cases) {
      writeFileSync(join(dir, 'in.chbk'), bytes);
      const opened = openBackupFile(withKey, asId, join(dir, 'in.chbk'), join(dir, 'out.db'));
      await expect(opened, what).rejects.toThrow(BackupCorruptError);
      await expect(opened, what).rejects.toThrow(/not a Clockhand backup|unknown format version|failed authentication/);
      expect(existsSync(join(dir, 'out.db')), what).toBe(false);
      expect(readdirSync(dir), what).toEqual(['in.chbk']);
    }
  });

  it('a backup that fails while it is written leaves no file and keeps the one at the target', async () => {
    const dir = folder('failing');
    const target = join(dir, '20261103-090000.chbk');
    writeFileSync(target, 'the backup that was there');
    // A folder opens for reading, and its first read fails (EISDIR): after the header went to the temp file.
    await expect(sealBackupFile(key, '20261103-090000', dir, target)).rejects.toThrow(/EISDIR/);
    expect(readFileSync(target, 'utf8')).toBe('the backup that was there');
    expect(readdirSync(dir)).toEqual(['20261103-090000.chbk']);
    await expect(sealBackupFile(key, '20261103-090000', join(dir, 'missing.db'), target)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['20261103-090000.chbk']);
  });
});
