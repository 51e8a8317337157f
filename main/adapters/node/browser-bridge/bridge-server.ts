import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  BRIDGE_PATH,
  CLOSE_PROTOCOL,
  CLOSE_UNAUTHORIZED,
  helloSchema,
  invokeMessageSchema,
  MAX_BRIDGE_MESSAGE_BYTES,
  type BridgeReply,
} from '../../../../common/browser-bridge-protocol';
import { isOperationName, operations, type OperationName } from '../../../../common/contract';
import type { Result } from '../../../../common/result';
import { APP_HOST, APP_SCHEME, resolveAppAsset } from '../../../core/desktop/app-protocol-rules';
import type { Logger } from '../../../core/ports/logger';
import { harnessIndexHtml } from './index-html';

export type BridgeInvoke = (name: OperationName, input: unknown) => Promise<Result<unknown>>;

export interface BrowserBridgeServer {
  /** The page to open, token in the fragment (never sent to the server in a request line or a log). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const HELLO_TIMEOUT_MS = 5_000;

/**
 * The development harness: serves the built renderer on 127.0.0.1 and the typed operations over a WebSocket on the same
 * port. Only a page from this origin that knows the per-run token gets through; every message is validated with zod
 * (the envelope here, the input with the contract's schema) before it reaches the core.
 */
export async function startBrowserBridge(options: {
  readonly rendererDir: string;
  readonly invoke: BridgeInvoke;
  readonly logger: Logger;
  readonly port?: number;
  /** Tests pass their own; otherwise 32 random bytes. */
  readonly token?: string;
}): Promise<BrowserBridgeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const root = normalize(options.rendererDir);
  const state = { port: 0 };
  const origin = (): string => `http://127.0.0.1:${String(state.port)}`;

  const http = createServer((request, response) => {
    serveFile(request, response).catch((error: unknown) => {
      options.logger.warn('dev harness: could not serve a file', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const serveFile = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not read anything.
    if (request.headers.host !== `127.0.0.1:${String(state.port)}` || request.method !== 'GET') {
      response.writeHead(request.method === 'GET' ? 421 : 405).end();
      return;
    }
    // The same file rules as the app:// protocol: plain segments only, no traversal or hidden files, known types.
    const asset = resolveAppAsset(`${APP_SCHEME}://${APP_HOST}${new URL(request.url ?? '/', origin()).pathname}`);
    if (!asset.ok) {
      response.writeHead(asset.status).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(join(root, ...asset.segments));
    } catch {
      response.writeHead(404).end();
      return;
    }
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-type': asset.contentType };
    if (asset.segments.join('/') === 'index.html') {
      const html = harnessIndexHtml(body.toString('utf8'), `ws://127.0.0.1:${String(state.port)}`);
      response.writeHead(200, headers).end(html);
      return;
    }
    response.writeHead(200, headers).end(body);
  };

  const wss = new WebSocketServer({
    server: http,
    path: BRIDGE_PATH,
    maxPayload: MAX_BRIDGE_MESSAGE_BYTES,
    verifyClient: ({ origin: from, req }: { origin: string; req: IncomingMessage }) =>
      from === origin() && req.headers.host === `127.0.0.1:${String(state.port)}`,
  });
  wss.on('connection', (socket) => {
    serveSocket(socket, token, options.invoke, options.logger);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  state.port = (http.address() as AddressInfo).port;
  return {
    url: `${origin()}/#token=${token}`,
    port: state.port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
      http.closeAllConnections();
      await new Promise<void>((resolve) => {
        http.close(() => {
          resolve();
        });
      });
    },
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(data: RawData): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(socket: WebSocket, reply: BridgeReply): void {
  socket.send(JSON.stringify(reply));
}

function serveSocket(socket: WebSocket, token: string, invoke: BridgeInvoke, logger: Logger): void {
  let authorized = false;
  const helloTimer = setTimeout(() => {
    socket.close(CLOSE_UNAUTHORIZED, 'no hello');
  }, HELLO_TIMEOUT_MS);
  socket.on('close', () => {
    clearTimeout(helloTimer);
  });
  socket.on('message', (data, isBinary) => {
    const message = isBinary ? undefined : parseJson(data);
    if (!authorized) {
      const hello = helloSchema.safeParse(message);
      clearTimeout(helloTimer);
      if (!hello.success || !sameToken(hello.data.token, token)) {
        logger.warn('dev harness: refused a WebSocket without the right token', {});
        socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
        return;
      }
      authorized = true;
      send(socket, { type: 'ready' });
      return;
    }
    const request = invokeMessageSchema.safeParse(message);
    if (!request.success) {
      socket.close(CLOSE_PROTOCOL, 'malformed message');
      return;
    }
    const { id, name, input } = request.data;
    if (!isOperationName(name)) {
      send(socket, {
        type: 'result',
        id,
        result: { ok: false, error: { code: 'invalid_input', message: `unknown operation "${name.slice(0, 64)}"` } },
      });
      return;
    }
    const parsed = operations[name].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue !== undefined && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      send(socket, {
        type: 'result',
        id,
        result: {
          ok: false,
          error: { code: 'invalid_input', message: `invalid ${name} request: ${where}${issue?.message ?? 'bad input'}` },
        },
      });
      return;
    }
    invoke(name, parsed.data).then(
      (result) => {
        if (socket.readyState === socket.OPEN) send(socket, { type: 'result', id, result });
      },
      (error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        if (socket.readyState === socket.OPEN)
          send(socket, { type: 'result', id, result: { ok: false, error: { code: 'internal', message: text } } });
      },
    );
  });
}
