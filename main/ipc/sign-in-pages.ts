import { operations } from '../../common/contract';
import type { IpcRouterDeps } from './ipc-router';

type Invoke = IpcRouterDeps['invoke'];

/**
 * The window's browser sign-in: when `connection.oauth.begin` succeeds, the main process opens its authorization URL
 * (the caller's `openPage` applies the https allowlist and calls the system browser). The renderer never opens it.
 */
export function withSignInPages(invoke: Invoke, openPage: (url: string) => void): Invoke {
  return async (name, input) => {
    const result = await invoke(name, input);
    if (name === 'connection.oauth.begin' && result.ok) {
      const started = operations['connection.oauth.begin'].output.safeParse(result.value);
      if (started.success) openPage(started.data.url);
    }
    return result;
  };
}
