import { SecretStoreUnavailableError, KEYCHAIN_SERVICE, type SecretStore, type SecretStoreState } from '../../main/core/ports/secret-store';

/** The subset of keytar we use (typed here so a missing native module is a runtime condition, not a crash). */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

const ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}$/;
const MAX_SECRET_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface KeytarSecretStoreOptions {
  /** Keychain calls that do not answer in time count as "unavailable" (a stuck Secret Service must not hang us). */
  readonly timeoutMs?: number;
  /** For tests: load another module instead of keytar. */
  readonly load?: () => Promise<Keytar>;
}

/** SecretStore on keytar: macOS Keychain, Windows Credential Manager, libsecret (Secret Service over D-Bus). */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  constructor(private readonly options: KeytarSecretStoreOptions = {}) {}

  async check(): Promise<SecretStoreState> {
    try {
      await this.call((keytar) => keytar.findCredentials(KEYCHAIN_SERVICE));
      return { available: true };
    } catch (error) {
      return { available: false, reason: error instanceof SecretStoreUnavailableError ? error.reason : describe(error) };
    }
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    return this.call((keytar) => keytar.getPassword(KEYCHAIN_SERVICE, account));
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(account);
    if (secret.length === 0 || Buffer.byteLength(secret) > MAX_SECRET_BYTES) {
      throw new RangeError(`a secret must be 1 byte to ${String(MAX_SECRET_BYTES / 1024)} KiB long`);
    }
    await this.call((keytar) => keytar.setPassword(KEYCHAIN_SERVICE, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.call((keytar) => keytar.deletePassword(KEYCHAIN_SERVICE, account));
  }

  async accounts(): Promise<string[]> {
    const credentials = await this.call((keytar) => keytar.findCredentials(KEYCHAIN_SERVICE));
    return credentials.map((credential) => credential.account).sort();
  }

  private async call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = await this.module();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new SecretStoreUnavailableError(`the keychain did not answer within ${String(timeoutMs / 1000)} s`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([operation(keytar), timeout]);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw error;
      throw new SecretStoreUnavailableError(describe(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private module(): Promise<Keytar> {
    this.keytar ??= (this.options.load ?? loadKeytar)().catch((error: unknown) => {
      this.keytar = null;
      throw new SecretStoreUnavailableError(`the keychain module could not be loaded (${describe(error)})`);
    });
    return this.keytar;
  }
}

async function loadKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}

function checkAccount(account: string): void {
  if (!ACCOUNT_PATTERN.test(account)) throw new RangeError(`"${account.slice(0, 40)}" is not a keychain account name`);
}

/** libsecret's messages are the useful part ("Cannot autolaunch D-Bus without X11 $DISPLAY"); keep one line. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 300) ?? text;
}
