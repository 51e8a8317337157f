import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../../core/ports/secret-store';
import { BACKUP_KEY_BYTES } from './backup-crypto';

/** The keychain account (service "Clockhand") holding the backup key, base64. */
export const BACKUP_KEY_ACCOUNT = 'backup-key';

/** The backup key from the keychain; `create` makes one (read back before use) when there is none yet. */
export async function backupKey(secrets: SecretStore, create: boolean): Promise<Buffer | null> {
  const stored = await secrets.get(BACKUP_KEY_ACCOUNT);
  if (stored !== null) {
    const key = Buffer.from(stored, 'base64');
    if (key.length !== BACKUP_KEY_BYTES) throw new Error('the backup key in the keychain is not a 256-bit key');
    return key;
  }
  if (!create) return null;
  const fresh = randomBytes(BACKUP_KEY_BYTES);
  await secrets.set(BACKUP_KEY_ACCOUNT, fresh.toString('base64'));
  const check = await secrets.get(BACKUP_KEY_ACCOUNT);
  // A key that did not reach the keychain must never encrypt anything: the backup could not be restored.
  if (check === null || !Buffer.from(check, 'base64').equals(fresh)) throw new Error('the keychain did not keep the backup key');
  return fresh;
}
