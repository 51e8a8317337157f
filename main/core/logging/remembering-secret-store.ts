import type { SecretStore } from '../ports/secret-store';
import type { Redactor } from './redactor';

/** A SecretStore that tells the log redactor every secret it reads or writes: such a value never reaches a log. */
export function rememberingSecrets(store: SecretStore, redactor: Redactor): SecretStore {
  return {
    check: () => store.check(),
    get: async (account) => {
      const secret = await store.get(account);
      if (secret !== null) redactor.remember(secret);
      return secret;
    },
    set: async (account, secret) => {
      redactor.remember(secret);
      await store.set(account, secret);
    },
    delete: (account) => store.delete(account),
    accounts: () => store.accounts(),
  };
}
