import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';

/**
 * File layout (version 1): "CHBK" | version 1 | 12-byte nonce | AES-256-GCM ciphertext | 16-byte tag. The header and
 * the backup id are authenticated (additional data), so a file renamed to another id does not open. The ciphertext is
 * exactly as long as the SQLite file it encrypts.
 */
const MAGIC = Buffer.from('CHBK', 'ascii');
const VERSION = 1;
const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;

export class BackupCorruptError extends Error {}

/** A cipher for a new backup, and the header to write before its ciphertext (the tag goes after it). */
export function sealingCipher(key: Buffer, id: string): { header: Buffer; cipher: CipherGCM } {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(header, id));
  return { header, cipher };
}

/**
 * A decipher for a backup file of `fileBytes` bytes, from its header and its tag; throws BackupCorruptError when the
 * file is not a backup this code reads. Its output is unauthenticated until `final()` returns.
 */
export function openingDecipher(key: Buffer, id: string, fileBytes: number, header: Buffer, tag: Buffer): DecipherGCM {
  if (fileBytes < HEADER_BYTES + TAG_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupCorruptError(`backup ${id} is not a Clockhand backup file`);
  }
  if (header[MAGIC.length] !== VERSION) throw new BackupCorruptError(`backup ${id} has an unknown format version`);
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + 1, HEADER_BYTES));
  decipher.setAAD(additionalData(header, id));
  decipher.setAuthTag(tag);
  return decipher;
}

export function failedAuthentication(id: string): BackupCorruptError {
  return new BackupCorruptError(`backup ${id} failed authentication: it is damaged, altered, or was made with another key`);
}

function additionalData(header: Buffer, id: string): Buffer {
  return Buffer.concat([header, Buffer.from(id, 'utf8')]);
}
