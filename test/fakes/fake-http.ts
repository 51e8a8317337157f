import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly contentType: string;
  readonly body: string;
  /** When the whole request had arrived (Date.now()), to check waits such as Retry-After. */
  readonly receivedAt: number;
}

export interface FakeServer {
  readonly baseUrl: string;
  /** Every request, in order (to check what was sent and that tokens go nowhere else). */
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export type FakeHandler = (request: FakeRequest, response: ServerResponse) => void | Promise<void>;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** The faults every fake can play for a magic token: an HTML error page, a huge body, a redirect to another host. */
export function playFault(token: string, response: ServerResponse): boolean {
  switch (token) {
    case 'FAULT-HTML':
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return true;
    case 'FAULT-HUGE':
      response.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":"${'x'.repeat(6 * 1024 * 1024)}"}`);
      return true;
    case 'FAULT-REDIRECT':
      response.writeHead(302, { location: 'https://evil.example.com/steal' }).end();
      return true;
    default:
      return false;
  }
}

export function bearerOf(request: FakeRequest): string {
  return /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1] ?? '';
}

/** An HTTP server on 127.0.0.1 (ephemeral port) that records requests and hands them, body read, to `handle`. */
export async function startFakeServer(handle: FakeHandler): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const request: FakeRequest = {
        method: incoming.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: incoming.headers.authorization,
        contentType: incoming.headers['content-type'] ?? '',
        body,
        receivedAt: Date.now(),
      };
      requests.push(request);
      Promise.resolve(handle(request, response)).catch((error: unknown) => {
        sendJson(response, 500, { error: String(error) });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
