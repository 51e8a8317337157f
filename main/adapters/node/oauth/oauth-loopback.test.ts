import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorizationUrl } from './authorization-url';
import { OAuthRedirectError, startLoopbackRedirect } from './loopback-redirect';
import { challengeFor, constantTimeEqual, createPkcePair, createState } from './pkce';

/** Plays the browser: one GET to the loopback listener, returning status and body. */
function browserGet(url: string, host?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, headers: host === undefined ? {} : { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('PKCE (RFC 7636)', () => {
  it('matches the Appendix B test vector', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh verifiers of the allowed alphabet and length, and refuses bad ones', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(challengeFor(a.verifier));
    expect(a.challenge).not.toContain('=');
    expect(() => challengeFor('short')).toThrow(RangeError);
    expect(() => challengeFor(`${'a'.repeat(43)}+`)).toThrow(RangeError);
    expect(createState()).not.toBe(createState());
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });

  it('builds the authorization URL with state and S256 challenge, https only', () => {
    const pkce = createPkcePair();
    const url = new URL(
      authorizationUrl({
        endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
        clientId: 'client-1',
        redirectUri: 'http://127.0.0.1:53682/callback',
        scopes: ['offline_access', 'User.Read'],
        state: 'st-1',
        pkce,
        extra: { prompt: 'select_account' },
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'http://127.0.0.1:53682/callback',
      scope: 'offline_access User.Read',
      state: 'st-1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      prompt: 'select_account',
    });
    expect(() =>
      authorizationUrl({ endpoint: 'http://auth.example/authorize', clientId: 'c', redirectUri: 'r', scopes: [], state: 's' }),
    ).toThrow(/https/);
  });
});

describe('loopback redirect listener (RFC 8252)', () => {
  it('listens on 127.0.0.1 only, returns the code for the right state once, and shows a small page', async () => {
    const state = createState();
    const listener = await startLoopbackRedirect({ state, successTitle: 'Clockhand is connected to Slack' });
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const done = await browserGet(`${listener.redirectUri}?code=auth-code-123&state=${state}`);
    expect(done.status).toBe(200);
    expect(done.body).toContain('Clockhand is connected to Slack');
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.body).not.toContain('auth-code-123');
    await expect(listener.code).resolves.toBe('auth-code-123');
    // Replay: the listener is gone after one success.
    await expect(browserGet(`${listener.redirectUri}?code=auth-code-123&state=${state}`)).rejects.toThrow(
      /ECONNREFUSED|socket hang up|ECONNRESET/,
    );
  });

  it('refuses a wrong or missing state and keeps waiting for the real one', async () => {
    const state = createState();
    const listener = await startLoopbackRedirect({ state });
    for (const query of ['?code=evil&state=forged', '?code=evil', `?code=evil&state=${state.slice(0, -1)}`]) {
      const refused = await browserGet(`${listener.redirectUri}${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('did not match');
    }
    expect((await browserGet(`${listener.redirectUri.replace('/callback', '/other')}?state=${state}&code=x`)).status).toBe(404);
    expect((await browserGet(`${listener.redirectUri}?state=${state}&code=x`, 'evil.example:80')).status).toBe(400);
    expect((await browserGet(`${listener.redirectUri}?state=${state}`)).status).toBe(400); // no code
    await browserGet(`${listener.redirectUri}?code=real&state=${state}`);
    await expect(listener.code).resolves.toBe('real');
  });

  it('ends with the provider error when the user denies access', async () => {
    const state = createState();
    const listener = await startLoopbackRedirect({ state });
    const page = await browserGet(`${listener.redirectUri}?error=access_denied&error_description=The+user+said+no&state=${state}`);
    expect(page.status).toBe(400);
    await expect(listener.code).rejects.toMatchObject({ code: 'denied', message: 'the provider answered access_denied: The user said no' });
  });

  it('times out', async () => {
    const listener = await startLoopbackRedirect({ state: createState(), timeoutMs: 200 });
    await expect(listener.code).rejects.toBeInstanceOf(OAuthRedirectError);
    await expect(listener.code).rejects.toMatchObject({ code: 'timeout' });
  });

  it('can use the exact registered port, and reports a port already in use', async () => {
    const first = await startLoopbackRedirect({ state: 'a' });
    const port = Number(new URL(first.redirectUri).port);
    first.close();
    await expect(first.code).rejects.toMatchObject({ code: 'closed' });
    const fixed = await startLoopbackRedirect({ state: 'b', port });
    expect(fixed.redirectUri).toBe(`http://127.0.0.1:${String(port)}/callback`);
    await expect(startLoopbackRedirect({ state: 'c', port })).rejects.toThrow(/EADDRINUSE/);
    fixed.close();
  });
});
