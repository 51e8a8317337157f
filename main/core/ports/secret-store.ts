/** The keychain service name every Clockhand secret is stored under (a public contract). */
export const KEYCHAIN_SERVICE = 'Clockhand';

export type SecretStoreState = { readonly available: true } | { readonly available: false; readonly reason: string };

/** Thrown (rejected) when there is no usable keychain. There is no plaintext fallback, ever. */
export class SecretStoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`the OS keychain is not available: ${reason}`);
    this.name = 'SecretStoreUnavailableError';
  }
}

/**
 * Secrets (OAuth and API tokens, the screenshot master key) live in the OS keychain under KEYCHAIN_SERVICE, one
 * account per secret, and nowhere else.
 */
export interface SecretStore {
  check(): Promise<SecretStoreState>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** true if something was deleted */
  delete(account: string): Promise<boolean>;
  /** The account names stored under the service (never the secrets). */
  accounts(): Promise<string[]>;
}
