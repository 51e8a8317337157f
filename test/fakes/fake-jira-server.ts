import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeJiraAccount {
  readonly email: string;
  readonly apiToken: string;
  readonly accountId: string;
  readonly displayName: string;
}

export interface FakeJira {
  readonly baseUrl: string;
  /** Every request's method, path and Authorization header (to check what was sent and that tokens go nowhere else). */
  readonly requests: { method: string; path: string; authorization: string | undefined }[];
  /** Revoke a token: later requests with it get 401. */
  revoke(token: string): void;
  /** Stops listening (connections are refused) until comeBack(), which listens on the same port again. */
  goOffline(): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Jira Cloud's /rest/api/3/myself (Basic email:token) and Data Center's /rest/api/2/myself (Bearer PAT) on
 * 127.0.0.1, answering the way Jira does: 200 with the user, 401 for bad credentials.
 */
/** More routes on the same server (e.g. worklogs): returns true when it took the request. */
export type ExtraJiraRoutes = (request: IncomingMessage, response: ServerResponse) => boolean;

export async function startFakeJira(
  accounts: readonly FakeJiraAccount[],
  pats: Readonly<Record<string, string>> = {},
  extra?: ExtraJiraRoutes,
): Promise<FakeJira> {
  const revoked = new Set<string>();
  const requests: FakeJira['requests'] = [];
  const json = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '/';
    const authorization = request.headers.authorization;
    requests.push({ method: request.method ?? '', path, authorization });
    if (request.method === 'GET' && path === '/rest/api/3/myself') {
      const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
      const [email, token] = Buffer.from(basic ?? '', 'base64')
        .toString('utf8')
        .split(/:(.*)/s);
      const account = accounts.find((a) => a.email === email && a.apiToken === token && !revoked.has(a.apiToken));
      if (account === undefined) {
        json(response, 401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'] });
        return;
      }
      json(response, 200, {
        accountId: account.accountId,
        emailAddress: account.email,
        displayName: account.displayName,
        active: true,
        accountType: 'atlassian',
      });
      return;
    }
    if (request.method === 'GET' && path === '/rest/api/2/myself') {
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
      const name = pats[token];
      if (name === undefined || revoked.has(token)) {
        json(response, 401, { errorMessages: ['Unauthorized'] });
        return;
      }
      json(response, 200, { name, displayName: name.toUpperCase(), active: true });
      return;
    }
    if (extra?.(request, response) === true) return;
    json(response, 404, { errorMessages: [`no fake for ${request.method ?? ''} ${path}`] });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    requests,
    revoke: (token) => revoked.add(token),
    goOffline: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
    comeBack: () => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
