import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { OperationName } from '../../../../common/contract';
import { visit } from '../../../../test/harness/browser-visit';
import { startBrowserBridge, type BrowserBridgeServer } from './bridge-server';

const TOKEN = 'per-run-token-for-the-test';
const INDEX = `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'none'">
<script type="module" crossorigin src="./assets/index-abc.js"></script></head><body></body></html>`;

interface Reply {
  readonly type: string;
  readonly id?: number;
  readonly result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Opens a WebSocket as a page from `origin` would, sends `messages` in order, collects replies until close or `count`. */
function talk(
  bridge: BrowserBridgeServer,
  origin: string,
  messages: unknown[],
  count: number,
): Promise<{ replies: Reply[]; closeCode: number | null }> {
  return new Promise((resolve) => {
    const replies: Reply[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${String(bridge.port)}/bridge`, { origin });
    const done = (closeCode: number | null): void => {
      resolve({ replies, closeCode });
    };
    ws.on('open', () => {
      for (const message of messages) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    });
    ws.on('message', (data: Buffer) => {
      replies.push(JSON.parse(data.toString('utf8')) as Reply);
      if (replies.length >= count) {
        ws.close();
        done(null);
      }
    });
    ws.on('close', (code) => {
      done(code);
    });
    ws.on('error', () => {
      done(-1);
    });
  });
}

describe('the dev:browser bridge server', () => {
  let dir: string;
  let bridge: BrowserBridgeServer;
  const calls: { name: OperationName; input: unknown }[] = [];
  const origin = (): string => `http://127.0.0.1:${String(bridge.port)}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clockhand-bridge-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    bridge = await startBrowserBridge({
      rendererDir: dir,
      token: TOKEN,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      invoke: (name, input) => {
        calls.push({ name, input });
        return Promise.resolve({ ok: true, value: { echoed: name } });
      },
    });
  });
  afterAll(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html with the shim first and connect-src opened to its own WebSocket only', async () => {
    expect(bridge.url).toBe(`${origin()}/#token=${TOKEN}`);
    const page = await visit(`${origin()}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`connect-src ws://127.0.0.1:${String(bridge.port)}`);
    expect(page.body).not.toContain("connect-src 'none'");
    expect(page.body.indexOf('dev/browser-bridge.js')).toBeLessThan(page.body.indexOf('assets/index-abc.js'));
    expect((await visit(`${origin()}/assets/index-abc.js`)).status).toBe(200);
    expect((await visit(`${origin()}/../../etc/passwd`)).status).not.toBe(200);
    // The app:// protocol's rules: encoded traversal, hidden files and unknown types are refused, a bad escape is 400.
    expect((await visit(`${origin()}/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd`)).status).toBe(404);
    expect((await visit(`${origin()}/.env`)).status).toBe(404);
    expect((await visit(`${origin()}/assets/index-abc.js.map`)).status).toBe(404);
    expect((await visit(`${origin()}/assets/%E0%A4%A`)).status).toBe(400);
  });

  it('closes a socket whose first message lacks the right token, and never invokes anything for it', async () => {
    const wrong = await talk(
      bridge,
      origin(),
      [
        { type: 'hello', token: 'guess' },
        { type: 'invoke', id: 1, name: 'status', input: {} },
      ],
      5,
    );
    expect(wrong.closeCode).toBe(4401);
    expect(wrong.replies).toEqual([]);
    const none = await talk(bridge, origin(), [{ type: 'invoke', id: 1, name: 'status', input: {} }], 5);
    expect(none.closeCode).toBe(4401);
    expect(calls).toEqual([]);
  });

  it('refuses a WebSocket from another origin before any message', async () => {
    const foreign = await talk(bridge, 'http://evil.example', [{ type: 'hello', token: TOKEN }], 1);
    expect(foreign.replies).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('validates every message: unknown operations and bad input get invalid_input, good ones reach the core', async () => {
    const { replies } = await talk(
      bridge,
      origin(),
      [
        { type: 'hello', token: TOKEN },
        { type: 'invoke', id: 1, name: 'rm -rf', input: {} },
        { type: 'invoke', id: 2, name: 'entry.delete', input: { id: 'one' } },
        { type: 'invoke', id: 3, name: 'timer.start', input: { taskRef: 'local:Docs' } },
      ],
      4,
    );
    expect(replies[0]).toEqual({ type: 'ready' });
    expect(replies[1]?.result?.error?.code).toBe('invalid_input');
    expect(replies[2]?.result?.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('invalid entry.delete request: id') as unknown,
    });
    expect(replies[3]).toEqual({ type: 'result', id: 3, result: { ok: true, value: { echoed: 'timer.start' } } });
    expect(calls).toEqual([{ name: 'timer.start', input: { taskRef: 'local:Docs' } }]);
  });

  it('closes the socket on a message that is not the protocol', async () => {
    const { closeCode } = await talk(bridge, origin(), [{ type: 'hello', token: TOKEN }, 'not json'], 5);
    expect(closeCode).toBe(4400);
  });
});
