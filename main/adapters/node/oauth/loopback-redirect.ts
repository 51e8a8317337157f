import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constantTimeEqual } from './pkce';

export interface LoopbackRedirectOptions {
  /** The `state` sent in the authorization request: the only one accepted, once. */
  readonly state: string;
  /** 0 (default): an ephemeral port; a fixed port where the provider only accepts the exact registered URL. */
  readonly port?: number;
  readonly path?: string;
  /** The browser round trip must finish within this time (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Page title shown after success, e.g. "Clockhand is connected to Jira". */
  readonly successTitle?: string;
}

export class OAuthRedirectError extends Error {
  constructor(
    readonly code: 'timeout' | 'denied' | 'provider_error' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'OAuthRedirectError';
  }
}

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port><path>: what goes into the authorization request as redirect_uri. */
  readonly redirectUri: string;
  /** The authorization code, once the browser comes back with the right state. */
  readonly code: Promise<string>;
  /** Stops listening (the code promise rejects if it is still waiting). */
  close(): void;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function page(title: string, text: string): string {
  const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`;
}

/**
 * The RFC 8252 loopback redirect listener: binds 127.0.0.1 only, accepts exactly one callback carrying the expected
 * `state` (compared in constant time), answers a small page, and closes. A wrong state is refused and the listener
 * keeps waiting for the real one; an error from the provider ends the flow; so does the timeout.
 */
export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback';
  let settle: { resolve: (code: string) => void; reject: (error: OAuthRedirectError) => void } | null = null;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  code.catch(() => undefined); // the caller may never await it (e.g. closed early); do not crash on that
  let done = false;
  let port = 0;

  const finish = (outcome: { code: string } | OAuthRedirectError): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    if (outcome instanceof OAuthRedirectError) settle?.reject(outcome);
    else settle?.resolve(outcome.code);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const answer = (status: number, title: string, text: string): void => {
      response.writeHead(status, { ...PAGE_HEADERS, connection: 'close' }).end(page(title, text));
    };
    // DNS rebinding: only our own loopback address may be the Host.
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${String(port)}` && host !== `localhost:${String(port)}`) {
      answer(400, 'Bad request', 'Unexpected host.');
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${String(port)}`);
    if (request.method !== 'GET' || url.pathname !== path) {
      answer(404, 'Not found', 'This address only receives the sign-in redirect.');
      return;
    }
    if (done) {
      answer(400, 'Already used', 'This sign-in link was already used. Start again from Clockhand.');
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    if (!constantTimeEqual(state, options.state)) {
      answer(400, 'Sign-in refused', 'The sign-in response did not match the request Clockhand made. Start again from Clockhand.');
      return;
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      const description = url.searchParams.get('error_description') ?? '';
      answer(400, 'Sign-in cancelled', 'Clockhand was not connected. You can close this window.');
      const kind = error === 'access_denied' ? 'denied' : 'provider_error';
      finish(
        new OAuthRedirectError(
          kind,
          `the provider answered ${error.slice(0, 100)}${description === '' ? '' : `: ${description.slice(0, 300)}`}`,
        ),
      );
      return;
    }
    const value = url.searchParams.get('code');
    if (value === null || value === '' || value.length > 4096) {
      answer(400, 'Sign-in failed', 'The sign-in response carried no code. Start again from Clockhand.');
      return;
    }
    answer(200, options.successTitle ?? 'Clockhand is connected', 'You can close this window and go back to Clockhand.');
    finish({ code: value });
  };

  const server = createServer(handle);
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timer = setTimeout(() => {
    finish(new OAuthRedirectError('timeout', `no sign-in within ${String(Math.round(timeoutMs / 1000))} s`));
  }, timeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    redirectUri: `http://127.0.0.1:${String(port)}${path}`,
    code,
    close: () => {
      finish(new OAuthRedirectError('closed', 'the sign-in was cancelled'));
    },
  };
}
