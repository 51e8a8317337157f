import { request } from 'node:http';

export interface Visit {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

/** One GET, as a browser would send it, without following redirects (http on 127.0.0.1 only). */
export function visit(url: string): Promise<Visit> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`tests only visit 127.0.0.1, not ${target.hostname}`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, headers: { host: target.host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Plays the user's browser through a sign-in: opens the authorization URL at the fake provider, follows its
 * redirect to the loopback listener, and returns both steps.
 */
export async function playBrowser(authorizationUrl: string): Promise<{ provider: Visit; callback: Visit | null }> {
  const provider = await visit(authorizationUrl);
  if (provider.status !== 302 || provider.location === null) return { provider, callback: null };
  return { provider, callback: await visit(provider.location) };
}
