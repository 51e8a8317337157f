import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/ports/logger';
import { MAX_PENDING_REQUESTS, startControlServer } from './control-server';
import { createDesktopNotifier, MAX_NOTIFY_PROCESSES } from './desktop-notifier';
import { MAX_PENDING_WORKER_REQUESTS, VaultWorkerClient } from './screenshots/vault-worker-client';

const dir = mkdtempSync(join(tmpdir(), 'clockhand-caps-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bounded adapters: each is driven past its cap', () => {
  it('the control socket answers at most MAX_PENDING_REQUESTS waiting requests per connection, then closes it', async () => {
    let calls = 0;
    const server = await startControlServer(
      join(dir, 'caps.sock'),
      () => {
        calls += 1;
        return new Promise(() => undefined);
      },
      silentLogger,
    );
    const socket = connect(join(dir, 'caps.sock'));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const closed = new Promise<void>((resolve) => {
      socket.on('close', () => {
        resolve();
      });
    });
    const line = `${JSON.stringify({ v: 1, id: 1, method: 'status', params: {} })}\n`;
    socket.write(line.repeat(MAX_PENDING_REQUESTS * 3));
    await closed;
    expect(calls).toBe(MAX_PENDING_REQUESTS);
    expect(received).toMatch(/too many requests waiting/);
    await server.close();
  });

  it('a burst of notifications runs at most MAX_NOTIFY_PROCESSES notify-send at once, and logs every one', async () => {
    const record = join(dir, 'started.txt');
    writeFileSync(join(dir, 'notify-send'), `#!/bin/sh\necho started >> '${record}'\nsleep 2\n`);
    chmodSync(join(dir, 'notify-send'), 0o755);
    const logged: string[] = [];
    const notifier = createDesktopNotifier({ DISPLAY: ':99', PATH: dir }, { ...silentLogger, info: (message) => logged.push(message) });
    for (let i = 0; i < 20; i += 1) notifier.notify({ kind: 'screenshot-taken', key: `k${String(i)}`, title: `n${String(i)}`, body: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(MAX_NOTIFY_PROCESSES);
    expect(logged).toHaveLength(20);
    // Once they have exited, notifications are shown again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    notifier.notify({ kind: 'screenshot-taken', key: 'later', title: 'later', body: 'b' });
    for (let i = 0; i < 30 && readFileSync(record, 'utf8').trim().split('\n').length === MAX_NOTIFY_PROCESSES; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(record) && readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(MAX_NOTIFY_PROCESSES + 1);
  });

  it('the screenshot worker client refuses requests past MAX_PENDING_WORKER_REQUESTS waiting', async () => {
    // A worker that never answers.
    const client = new VaultWorkerClient(() => new Worker('setInterval(() => undefined, 1000);', { eval: true }));
    const ref = { id: 'x', capturedAt: 0, day: '2026-11-20', display: 'screen' };
    const request = { op: 'open' as const, key: Buffer.alloc(32), ref, variant: 'thumb' as const, path: '/nonexistent' };
    const waiting = Array.from({ length: MAX_PENDING_WORKER_REQUESTS }, () => client.request(request).catch((error: unknown) => error));
    await expect(client.request(request)).rejects.toThrow(/already has 32 requests waiting/);
    await client.close();
    const outcomes = await Promise.all(waiting);
    expect(outcomes.every((outcome) => outcome instanceof Error)).toBe(true);
  });
});
