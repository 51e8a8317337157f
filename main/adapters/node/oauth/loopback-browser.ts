import { SignInFailedError, type OAuthBrowser, type PendingSignIn } from '../../../core/ports/oauth-browser';
import { authorizationUrl } from './authorization-url';
import { OAuthRedirectError, startLoopbackRedirect } from './loopback-redirect';
import { createPkcePair, createState } from './pkce';

/**
 * OAuthBrowser on the loopback redirect listener. `allowHttpLoopback` (CLOCKHAND_ALLOW_HTTP_LOOPBACK=1) lets the
 * authorization endpoint be a fake server on http://127.0.0.1 in tests.
 */
export function createLoopbackBrowser(options: { allowHttpLoopback: boolean }): OAuthBrowser {
  return {
    begin: async (request): Promise<PendingSignIn> => {
      const state = createState();
      const pkce = request.pkce ? createPkcePair() : undefined;
      const listener = await startLoopbackRedirect({
        state,
        ...(request.port !== undefined && { port: request.port }),
        timeoutMs: request.timeoutMs,
        successTitle: request.successTitle,
      });
      let url: string;
      try {
        url = authorizationUrl(
          {
            endpoint: request.endpoint,
            clientId: request.clientId,
            redirectUri: listener.redirectUri,
            scopes: request.scopes,
            state,
            ...(pkce !== undefined && { pkce }),
            ...(request.extra !== undefined && { extra: request.extra }),
            ...(request.scopeSeparator !== undefined && { scopeSeparator: request.scopeSeparator }),
          },
          { allowHttpLoopback: options.allowHttpLoopback },
        );
      } catch (error) {
        listener.close();
        throw error;
      }
      const code = listener.code.catch((error: unknown) => {
        if (error instanceof OAuthRedirectError) throw new SignInFailedError(error.code, error.message);
        throw error;
      });
      code.catch(() => undefined);
      return {
        url,
        redirectUri: listener.redirectUri,
        verifier: pkce?.verifier ?? null,
        code,
        cancel: () => {
          listener.close();
        },
      };
    },
  };
}
