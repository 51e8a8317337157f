import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAxiosHttpClient } from '../../main/adapters/node/axios-http-client';
import { PolicyFileSource } from '../../main/adapters/node/policy-file-source';
import {
  MachinePolicyWithRemote,
  RemotePolicyCache,
  RemotePolicyFetcher,
  verifyRemoteBundle,
} from '../../main/adapters/node/remote-policy';
import { PolicyService } from '../../main/core/policy/policy-service';
import type { Logger } from '../../main/core/ports/logger';
import { InMemoryPolicyState, InMemoryUserSettings } from '../fakes/fake-policy';
import { FakeTime } from '../fakes/fake-time';

function keyPair(): { privateKey: KeyObject; publicKeyBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { privateKey, publicKeyBase64: Buffer.from(x, 'base64url').toString('base64') };
}

function bundle(privateKey: KeyObject, serial: number, policy: unknown): string {
  const payload = Buffer.from(JSON.stringify({ serial, policy }), 'utf8');
  return JSON.stringify({
    format: 'clockhand-policy-bundle',
    payload: payload.toString('base64'),
    signature: sign(null, payload, privateKey).toString('base64'),
  });
}

describe('signed remote policy (Ed25519, no rollback, cached for offline use)', () => {
  let dir: string;
  let server: Server;
  let served: string;
  let url: string;
  const logs: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m, f) => logs.push(`info ${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logs.push(`error ${m} ${JSON.stringify(f ?? {})}`),
  };
  const admin = keyPair();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clockhand-remote-policy-'));
    logs.length = 0;
    served = '';
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/clockhand.json`;
    writeFileSync(
      join(dir, 'policies.json'),
      JSON.stringify({
        version: 1,
        remote: { url: 'https://policy.acme.example/clockhand.json', publicKey: admin.publicKeyBase64 },
        screenshots: { mode: 'off' },
      }),
      { mode: 0o644 },
    );
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const rig = (): { fetcher: RemotePolicyFetcher; policy: PolicyService; cache: RemotePolicyCache } => {
    const file = new PolicyFileSource('machine', join(dir, 'policies.json'));
    const cache = new RemotePolicyCache(dir);
    const fetcher = new RemotePolicyFetcher(file, cache, createAxiosHttpClient(), logger, url);
    const policy = new PolicyService(
      [new MachinePolicyWithRemote(file, cache)],
      new InMemoryPolicyState(),
      new InMemoryUserSettings(),
      new FakeTime(Date.UTC(2026, 10, 25)),
      logger,
    );
    return { fetcher, policy, cache };
  };

  it('applies a verified bundle beneath the machine file, which wins where both speak', async () => {
    served = bundle(admin.privateKey, 2, {
      version: 1,
      activity: { idleMinutes: 7 },
      screenshots: { mode: 'required', intervalMinutes: 10 },
    });
    const { fetcher, policy } = rig();
    await fetcher.fetchNow();
    policy.refresh();
    expect(policy.get('activity.idleMinutes')).toBe(7);
    expect(policy.get('screenshots.intervalMinutes')).toBe(10);
    expect(policy.get('screenshots.mode')).toBe('off'); // the file's own value
    expect(policy.list().find((s) => s.key === 'activity.idleMinutes')).toMatchObject({ locked: true });
    expect(logs.some((l) => l.startsWith('info remote policy accepted'))).toBe(true);
  });

  it('refuses an older serial (rollback), a foreign signature and a bundle that points elsewhere; keeps what it had', async () => {
    const { fetcher, policy } = rig();
    served = bundle(admin.privateKey, 5, { version: 1, activity: { idleMinutes: 9 } });
    await fetcher.fetchNow();
    served = bundle(admin.privateKey, 4, { version: 1, activity: { idleMinutes: 1 } });
    await fetcher.fetchNow();
    served = bundle(keyPair().privateKey, 6, { version: 1, activity: { idleMinutes: 2 } });
    await fetcher.fetchNow();
    served = bundle(admin.privateKey, 7, { version: 1, remote: { url: 'https://evil.example/p.json', publicKey: admin.publicKeyBase64 } });
    await fetcher.fetchNow();
    policy.refresh();
    expect(policy.get('activity.idleMinutes')).toBe(9);
    expect(logs.filter((l) => l.startsWith('error remote policy refused')).map((l) => l.replace(/ \{.*/, ''))).toEqual([
      'error remote policy refused: older than the one held (rollback)',
      'error remote policy refused',
      'error remote policy refused',
    ]);
    expect(logs.join('\n')).toContain('the bundle signature does not verify with the pinned key');
    expect(logs.join('\n')).toContain('a remote policy cannot point to another remote policy');
  });

  it('works offline from the cache, and ignores a cache edited on disk', async () => {
    const { fetcher, policy, cache } = rig();
    served = bundle(admin.privateKey, 3, { version: 1, activity: { idleMinutes: 12 } });
    await fetcher.fetchNow();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fetcher.fetchNow(); // unreachable: logged, cache kept
    policy.refresh();
    expect(policy.get('activity.idleMinutes')).toBe(12);
    expect(logs.some((l) => l.startsWith('warn remote policy not fetched'))).toBe(true);

    const held = JSON.parse(readFileSync(cache.path, 'utf8')) as { payload: string };
    const forged = Buffer.from(JSON.stringify({ serial: 3, policy: { version: 1, activity: { idleMinutes: 240 } } })).toString('base64');
    writeFileSync(cache.path, JSON.stringify({ ...held, payload: forged }));
    expect(verifyRemoteBundle(readFileSync(cache.path, 'utf8'), admin.publicKeyBase64)).toEqual({
      ok: false,
      reason: 'the bundle signature does not verify with the pinned key',
    });
    policy.refresh();
    expect(policy.get('activity.idleMinutes')).not.toBe(240);
    server = createServer(() => undefined); // for afterEach
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
});
