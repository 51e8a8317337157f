import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../core/ports/secret-store';

/** Every key Clockhand keeps in the keychain is a 256-bit key, stored base64. */
export const KEYCHAIN_KEY_BYTES = 32;

export interface KeychainKeyOptions {
  /** Make (and store) a fresh key when the account holds none yet. */
  readonly create: boolean;
  /** What the key is, for the error messages ("backup key"). */
  readonly what: string;
  /** Called once a fresh key was stored and read back. */
  readonly created?: () => void;
}

/**
 * The 256-bit key in the keychain account `account` (service "Clockhand"). With `create`, a missing key is made and
 * read back before it is returned: a key that did not reach the keychain must never encrypt anything.
 */
export async function keychainKey(
  secrets: SecretStore,
  account: string,
  options: KeychainKeyOptions & { readonly create: true },
): Promise<Buffer>;
export async function keychainKey(secrets: SecretStore, account: string, options: KeychainKeyOptions): Promise<Buffer | null>;
export async function keychainKey(secrets: SecretStore, account: string, options: KeychainKeyOptions): Promise<Buffer | null> {
  const stored = await secrets.get(account);
  if (stored !== null) {
    const key = Buffer.from(stored, 'base64');
    if (key.length !== KEYCHAIN_KEY_BYTES) throw new Error(`the ${options.what} in the keychain is not a 256-bit key`);
    return key;
  }
  if (!options.create) return null;
  const fresh = randomBytes(KEYCHAIN_KEY_BYTES);
  await secrets.set(account, fresh.toString('base64'));
  const check = await secrets.get(account);
  if (check === null || !Buffer.from(check, 'base64').equals(fresh)) throw new Error(`the keychain did not keep the ${options.what}`);
  options.created?.();
  return fresh;
}
