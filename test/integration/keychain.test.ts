import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, SecretStoreUnavailableError } from '../../main/core/ports/secret-store';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { repoRoot } from '../harness/agent-process';

/** The tests run inside a private D-Bus session with an unlocked gnome-keyring (scripts/test.sh). */
function requireSessionBus(): void {
  if ((process.env.DBUS_SESSION_BUS_ADDRESS ?? '') === '') {
    throw new Error('DBUS_SESSION_BUS_ADDRESS is not set: run through `npm test` (private D-Bus session + gnome-keyring)');
  }
}

describe('the OS keychain through keytar (gnome-keyring over D-Bus)', () => {
  const store = new KeytarSecretStore();
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const created: string[] = [];

  afterAll(async () => {
    for (const account of created) await store.delete(account);
  });

  it('is available, and secrets round-trip under the service "Clockhand"', async () => {
    requireSessionBus();
    expect(KEYCHAIN_SERVICE).toBe('Clockhand');
    expect(await store.check()).toEqual({ available: true });
    const account = `${prefix}/jira:acme`;
    created.push(account);
    const secret = `tok-${randomUUID()}-ünïcødé-🔑`;
    expect(await store.get(account)).toBeNull();
    await store.set(account, secret);
    expect(await store.get(account)).toBe(secret);
    await store.set(account, `${secret}-rotated`);
    expect(await store.get(account)).toBe(`${secret}-rotated`);
    expect(await store.accounts()).toContain(account);
  });

  it('delete removes the entry for good', async () => {
    requireSessionBus();
    const account = `${prefix}/slack:T123`;
    await store.set(account, 'xoxp-secret');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.accounts()).not.toContain(account);
    expect(await store.delete(account)).toBe(false);
  });

  it('refuses bad account names and empty or huge secrets before touching the keychain', async () => {
    for (const account of ['', ' spaced', 'new\nline', 'x'.repeat(201)]) {
      await expect(store.get(account)).rejects.toThrow(RangeError);
    }
    await expect(store.set(`${prefix}/empty`, '')).rejects.toThrow(RangeError);
    await expect(store.set(`${prefix}/huge`, 'x'.repeat(65 * 1024))).rejects.toThrow(RangeError);
  });

  it('without a Secret Service it is unavailable with a clear reason, and never stores in plain text', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const secret = `never-on-disk-${randomUUID()}`;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'test/fixtures/keychain-probe.ts', secret],
        { cwd: repoRoot, env, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`probe failed: ${stderr}`));
          else resolve(stdout);
        },
      );
    });
    const result = JSON.parse(output) as { state: { available: boolean; reason?: string }; setError: string | null };
    expect(result.state.available).toBe(false);
    expect(result.state.reason).toMatch(/D-Bus|dbus|secret/i);
    expect(result.setError).toMatch(/^SecretStoreUnavailableError: the OS keychain is not available: /);
    expect(output).not.toContain(secret);
  });

  it('a keychain that does not answer counts as unavailable', async () => {
    const hung = new KeytarSecretStore({
      timeoutMs: 200,
      load: () =>
        Promise.resolve({
          getPassword: () => new Promise<string | null>(() => undefined),
          setPassword: () => new Promise<void>(() => undefined),
          deletePassword: () => new Promise<boolean>(() => undefined),
          findCredentials: () => new Promise<{ account: string; password: string }[]>(() => undefined),
        }),
    });
    expect(await hung.check()).toEqual({ available: false, reason: 'the keychain did not answer within 0.2 s' });
    await expect(hung.get('x')).rejects.toThrow(SecretStoreUnavailableError);
  });
});
