import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** File layout: "CHBK" | version 1 | 12-byte nonce | AES-256-GCM ciphertext | 16-byte tag. The header is authenticated. */
const MAGIC = Buffer.from('CHBK', 'ascii');
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;

export class BackupCorruptError extends Error {}

/** Encrypts the plaintext database bytes; `id` is authenticated too (a file renamed to another id does not open). */
export function sealBackup(key: Buffer, id: string, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([header, Buffer.from(id, 'utf8')]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Decrypts a backup file, or throws BackupCorruptError (wrong format, altered bytes, another key or id). */
export function openBackup(key: Buffer, id: string, sealed: Buffer): Buffer {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupCorruptError(`backup ${id} is not a Clockhand backup file`);
  }
  if (sealed[MAGIC.length] !== VERSION) throw new BackupCorruptError(`backup ${id} has an unknown format version`);
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = sealed.subarray(MAGIC.length + 1, HEADER_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([header, Buffer.from(id, 'utf8')]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupCorruptError(`backup ${id} failed authentication: it is damaged, altered, or was made with another key`);
  }
}
