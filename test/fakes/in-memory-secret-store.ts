import type { SecretStore, SecretStoreState } from '../../main/core/ports/secret-store';

/** A SecretStore in a Map, with a log of writes (for ordering assertions). */
export class InMemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  readonly writes: string[] = [];

  check(): Promise<SecretStoreState> {
    return Promise.resolve({ available: true });
  }
  get(account: string): Promise<string | null> {
    return Promise.resolve(this.values.get(account) ?? null);
  }
  set(account: string, secret: string): Promise<void> {
    this.values.set(account, secret);
    this.writes.push(account);
    return Promise.resolve();
  }
  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(account));
  }
  accounts(): Promise<string[]> {
    return Promise.resolve([...this.values.keys()].sort());
  }
}
