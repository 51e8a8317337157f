import { create } from 'zustand';
import type { OperationInput } from '../../common/contract';
import type { ConnectionDto } from '../../common/dto';
import { call, errorText } from '../bridge';
import { useIntegrations } from './integrations-store';

export type OAuthProvider = OperationInput<'connection.oauth.begin'>['provider'];

export type SignIn =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting'; readonly provider: OAuthProvider }
  | {
      readonly phase: 'waiting';
      readonly provider: OAuthProvider;
      readonly flow: string;
      /** The authorization page, when it is safe to offer as a link (https, or the test servers on 127.0.0.1). */
      readonly link: string | null;
      readonly timeoutSeconds: number;
    }
  | { readonly phase: 'failed'; readonly provider: OAuthProvider; readonly message: string }
  | { readonly phase: 'connected'; readonly provider: OAuthProvider; readonly connection: ConnectionDto };

interface SignInState {
  readonly signIn: SignIn;
  /** Starts a browser sign-in (the app opens the page), then waits for the core to finish it. */
  readonly begin: (provider: OAuthProvider, site?: string) => Promise<void>;
  /** Stops waiting: the core closes its loopback listener. */
  readonly cancel: () => Promise<void>;
  readonly dismiss: () => void;
}

/** Only https pages (or a loopback test server) become links: never javascript:, data: or anything else. */
export function signInLink(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.protocol === 'https:') return parsed.href;
  if (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1') return parsed.href;
  return null;
}

/**
 * The window's browser sign-in (connection.oauth.begin / finish / cancel): one at a time. The core validates what
 * comes back from the browser (state, code, PKCE) and stores the tokens; the window only shows where it stands.
 */
export const useSignIn = create<SignInState>()((set, get) => {
  const current = (flow: string): boolean => {
    const now = get().signIn;
    return now.phase === 'waiting' && now.flow === flow;
  };
  return {
    signIn: { phase: 'idle' },
    begin: async (provider, site) => {
      const phase = get().signIn.phase;
      if (phase === 'starting' || phase === 'waiting') return;
      set({ signIn: { phase: 'starting', provider } });
      let flow: string;
      try {
        const started = await call('connection.oauth.begin', { provider, ...(site !== undefined && site !== '' && { site }) });
        flow = started.flow;
        set({ signIn: { phase: 'waiting', provider, flow, link: signInLink(started.url), timeoutSeconds: started.timeoutSeconds } });
      } catch (error) {
        set({ signIn: { phase: 'failed', provider, message: errorText(error) } });
        return;
      }
      try {
        const connection = await call('connection.oauth.finish', { flow });
        if (!current(flow)) return;
        set({ signIn: { phase: 'connected', provider, connection } });
        await useIntegrations.getState().load();
      } catch (error) {
        // Cancelled from here: the refusal that follows is expected and not shown.
        if (current(flow)) set({ signIn: { phase: 'failed', provider, message: errorText(error) } });
      }
    },
    cancel: async () => {
      const now = get().signIn;
      if (now.phase !== 'waiting') return;
      set({ signIn: { phase: 'idle' } });
      try {
        await call('connection.oauth.cancel', { flow: now.flow });
      } catch (error) {
        set({ signIn: { phase: 'failed', provider: now.provider, message: errorText(error) } });
      }
    },
    dismiss: () => {
      const phase = get().signIn.phase;
      if (phase === 'failed' || phase === 'connected') set({ signIn: { phase: 'idle' } });
    },
  };
});
