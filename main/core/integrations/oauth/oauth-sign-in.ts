import { DomainError } from '../../errors';
import { BoundedMap } from '../../bounded/bounded-map';
import { SignInFailedError, type OAuthBrowser, type PendingSignIn } from '../../ports/oauth-browser';
import { InvalidGrantError, type TokenSet } from '../../ports/token-endpoint';
import type { ConnectionRecord } from '../../ports/connections';
import { oauthContextFor, type OAuthDeps } from './oauth-connections';
import type { OAuthContext, OAuthProvider, OAuthProviderName } from './oauth-provider';

/** The browser round trip must finish within this time (RFC 8252 flows in Clockhand: 5 minutes). */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface SignInStarted {
  readonly flow: string;
  readonly url: string;
  readonly timeoutSeconds: number;
}

interface Flow {
  readonly name: OAuthProviderName;
  readonly provider: OAuthProvider;
  readonly ctx: OAuthContext;
  readonly pending: PendingSignIn;
  readonly site: string | undefined;
}

/**
 * Browser sign-in, in two steps so a face can show the URL in between: begin() starts the loopback listener and
 * returns the authorization URL; finish() waits for the redirect, exchanges the code (with the PKCE verifier),
 * asks the provider who signed in, applies the policy, and stores the tokens in the keychain only.
 */
export const MAX_PENDING_SIGN_INS = 8;

export class OAuthSignIn {
  /** Sign-ins waiting for the browser: past MAX_PENDING_SIGN_INS the oldest is cancelled (its listener closes). */
  private readonly flows = new BoundedMap<string, Flow>(MAX_PENDING_SIGN_INS, (id, flow) => {
    if (this.waiting.has(id)) return;
    flow.pending.cancel();
    this.deps.logger.info('sign-in cancelled: too many at once', { flow: id });
  });
  private readonly waiting = new Set<string>();
  private counter = 0;

  constructor(
    private readonly deps: OAuthDeps,
    private readonly browser: OAuthBrowser,
    private readonly timeoutMs: number = SIGN_IN_TIMEOUT_MS,
  ) {}

  async begin(name: OAuthProviderName, site?: string): Promise<SignInStarted> {
    this.deps.policy.requireAllowed(name);
    if (name === 'jira' && site !== undefined) {
      const decision = this.deps.endpoints.resolve('jira', site);
      if (!decision.ok) throw new DomainError('invalid_input', decision.message);
      this.deps.policy.requireJiraSite(decision.site);
    }
    const { provider, ctx } = oauthContextFor(this.deps, name);
    await this.deps.connections.requireKeychain(provider.vendor);
    const authorization = provider.authorization(ctx);
    let pending: PendingSignIn;
    try {
      pending = await this.browser.begin({
        ...authorization,
        clientId: ctx.client.clientId,
        successTitle: `Clockhand is connected to ${provider.vendor}`,
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw new DomainError('unavailable', `the sign-in could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.counter += 1;
    const flow = `${name}-${String(this.counter)}`;
    this.flows.set(flow, { name, provider, ctx, pending, site });
    // Forget the flow when the browser never comes back (the listener times out on its own) and nobody waits for
    // it. A code that arrives before finish() is called is kept for finish().
    pending.code.then(
      () => undefined,
      () => {
        if (this.flows.peek(flow)?.pending === pending && !this.waiting.has(flow)) this.flows.delete(flow);
      },
    );
    this.deps.logger.info('sign-in started', { provider: name, flow });
    return { flow, url: pending.url, timeoutSeconds: Math.round(this.timeoutMs / 1000) };
  }

  async finish(flowId: string): Promise<ConnectionRecord> {
    const flow = this.flows.get(flowId);
    if (flow === undefined || this.waiting.has(flowId)) {
      throw new DomainError('not_found', `there is no sign-in ${flowId.slice(0, 40)} waiting (it finished, failed or timed out)`);
    }
    this.waiting.add(flowId);
    try {
      return await this.complete(flow);
    } finally {
      this.waiting.delete(flowId);
      this.flows.delete(flowId);
    }
  }

  /** Closes the loopback listener of a waiting sign-in (finish() then fails as cancelled). False if none waits. */
  cancel(flowId: string): boolean {
    const flow = this.flows.peek(flowId);
    if (flow === undefined) return false;
    flow.pending.cancel();
    if (!this.waiting.has(flowId)) this.flows.delete(flowId);
    this.deps.logger.info('sign-in cancelled', { flow: flowId });
    return true;
  }

  private async complete(flow: Flow): Promise<ConnectionRecord> {
    const { provider, ctx, pending } = flow;
    let code: string;
    try {
      code = await pending.code;
    } catch (error) {
      if (error instanceof SignInFailedError) {
        if (error.code === 'closed') throw new DomainError('conflict', `the ${provider.vendor} sign-in was cancelled`);
        const what = error.code === 'timeout' ? 'timed out' : error.code === 'denied' ? 'was denied' : 'failed';
        throw new DomainError(
          error.code === 'timeout' ? 'unavailable' : 'invalid_input',
          `the ${provider.vendor} sign-in ${what}: ${error.message}`,
        );
      }
      throw error;
    }
    let tokens: TokenSet;
    try {
      tokens = await provider.exchange(ctx, code, pending.redirectUri, pending.verifier);
    } catch (error) {
      if (error instanceof InvalidGrantError)
        throw new DomainError('invalid_input', `${error.message} when exchanging the code; nothing was stored`);
      throw error;
    }
    const signedIn = await provider.connection(ctx, tokens, { site: flow.site });
    try {
      if (flow.name === 'jira') this.deps.policy.requireJiraSite(signedIn.site);
      if (signedIn.workspace !== undefined) this.deps.policy.requireSlackWorkspace(signedIn.workspace.id, signedIn.workspace.name);
    } catch (error) {
      // Refused by policy: the tokens just issued are given back where the vendor can take them.
      await provider.revoke(ctx, tokens).catch(() => undefined);
      throw error;
    }
    return this.deps.connections.store(
      { provider: flow.name, auth: 'oauth', site: signedIn.site, baseUrl: signedIn.baseUrl },
      signedIn.identity,
      JSON.stringify(tokens),
    );
  }
}
