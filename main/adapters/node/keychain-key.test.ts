import { describe, expect, it } from 'vitest';
import { InMemorySecretStore } from '../../../test/fakes/in-memory-secret-store';
import { keychainKey } from './keychain-key';

/** A keychain that accepts writes but keeps nothing. */
class ForgetfulSecretStore extends InMemorySecretStore {
  override set(account: string): Promise<void> {
    this.writes.push(account);
    return Promise.resolve();
  }
}

describe('keychainKey (the 256-bit keys kept in the keychain)', () => {
  it('makes a key once when asked to, stores it base64 under the account, and returns the same key after', async () => {
    const secrets = new InMemorySecretStore();
    expect(await keychainKey(secrets, 'backup-key', { create: false, what: 'backup key' })).toBeNull();
    let created = 0;
    const made = await keychainKey(secrets, 'backup-key', { create: true, what: 'backup key', created: () => (created += 1) });
    expect(made).toHaveLength(32);
    expect(secrets.values.get('backup-key')).toBe(made.toString('base64'));
    const again = await keychainKey(secrets, 'backup-key', { create: true, what: 'backup key', created: () => (created += 1) });
    expect(again.equals(made)).toBe(true);
    expect(created).toBe(1);
  });

  it('refuses a stored value that is not a 256-bit key, and a key the keychain did not keep', async () => {
    const secrets = new InMemorySecretStore();
    await secrets.set('backup-key', Buffer.alloc(16).toString('base64'));
    await expect(keychainKey(secrets, 'backup-key', { create: true, what: 'backup key' })).rejects.toThrow(
      'the backup key in the keychain is not a 256-bit key',
    );
    await expect(keychainKey(new ForgetfulSecretStore(), 'm', { create: true, what: 'screenshot master key' })).rejects.toThrow(
      'the keychain did not keep the screenshot master key',
    );
  });
});
