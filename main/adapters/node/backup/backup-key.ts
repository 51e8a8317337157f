import type { SecretStore } from '../../../core/ports/secret-store';
import { keychainKey } from '../keychain-key';

/** The keychain account (service "Clockhand") holding the backup key, base64. */
export const BACKUP_KEY_ACCOUNT = 'backup-key';

/** The backup key from the keychain; `create` makes one (read back before use) when there is none yet. */
export async function backupKey(secrets: SecretStore, create: boolean): Promise<Buffer | null> {
  return keychainKey(secrets, BACKUP_KEY_ACCOUNT, { create, what: 'backup key' });
}
