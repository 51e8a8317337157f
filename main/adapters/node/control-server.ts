import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import {
  controlRequestSchema,
  errorResponse,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
  type ControlResponse,
} from '../../../common/control-protocol';
import { isOperationName, type OperationName } from '../../../common/contract';
import type { Result } from '../../../common/result';
import type { Logger } from '../../core/ports/logger';

/** Requests one connection may have waiting for answers; past it the connection is closed with an error. */
export const MAX_PENDING_REQUESTS = 64;
/** Connections served at once; more are refused by the operating system's backlog handling (closed at once). */
export const MAX_CONNECTIONS = 32;

export type OperationHandler = (name: OperationName, params: unknown) => Promise<Result<unknown>>;

export interface ControlServer {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * The control socket: newline-delimited JSON requests validated with zod, one response line each.
 * Owner-only (mode 0600, inside a 0700 data directory). Garbage gets an error response, never a crash;
 * an over-long line closes the connection.
 */
export async function startControlServer(path: string, handle: OperationHandler, logger: Logger): Promise<ControlServer> {
  if (process.platform !== 'win32') rmSync(path, { force: true }); // the caller holds the agent lock: any socket here is stale
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, handle, logger);
  });
  server.maxConnections = MAX_CONNECTIONS;
  await listen(server, path);
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    path,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      if (process.platform !== 'win32') rmSync(path, { force: true });
    },
  };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serveConnection(socket: Socket, handle: OperationHandler, logger: Logger): void {
  let buffered = '';
  // Answers go out in request order, even when a later request finishes first.
  let answered: Promise<void> = Promise.resolve();
  let waiting = 0;
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() !== '') {
        if (waiting >= MAX_PENDING_REQUESTS) {
          socket.end(
            `${JSON.stringify(errorResponse(null, { code: 'invalid_input', message: 'too many requests waiting on one connection' }))}\n`,
          );
          buffered = '';
          return;
        }
        waiting += 1;
        const response = respond(line, handle, logger);
        answered = answered.then(async () => {
          const answer = await response;
          waiting -= 1;
          if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
        });
      }
      newline = buffered.indexOf('\n');
    }
    if (Buffer.byteLength(buffered) > MAX_LINE_BYTES) {
      socket.end(`${JSON.stringify(errorResponse(null, { code: 'invalid_input', message: 'request line too long' }))}\n`);
      buffered = '';
    }
  });
}

async function respond(line: string, handle: OperationHandler, logger: Logger): Promise<ControlResponse> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return errorResponse(null, { code: 'invalid_input', message: 'a request must be one line of JSON' });
  }
  const request = controlRequestSchema.safeParse(json);
  if (!request.success) {
    return errorResponse(idOf(json), {
      code: 'invalid_input',
      message: `malformed request: ${request.error.issues[0]?.message ?? 'invalid'}`,
    });
  }
  const { id, method, params } = request.data;
  if (!isOperationName(method)) {
    return errorResponse(id, { code: 'not_found', message: `unknown method "${method.slice(0, 64)}"` });
  }
  const result = await handle(method, params ?? {});
  if (!result.ok) logger.debug('request refused', { method, code: result.error.code });
  return result.ok ? { v: PROTOCOL_VERSION, id, ok: true, value: result.value } : errorResponse(id, result.error);
}

function idOf(json: unknown): string | number | null {
  if (typeof json === 'object' && json !== null && 'id' in json) {
    const { id } = json;
    if ((typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isInteger(id))) return id;
  }
  return null;
}
