import { isOperationName, type OperationName, type OperationOutput } from '../../common/contract';
import { fail, type Result } from '../../common/result';
import type { LogFields } from '../core/ports/logger';

/** The one IPC channel the renderer uses: `invoke(name, input)` for every operation of common/contract.ts. */
export { INVOKE_CHANNEL } from '../../common/ipc-event-names';

export interface IpcRouterDeps {
  /** The core's invoke: validates `input` against the contract itself. */
  invoke<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  /** True for the URLs our own renderer is served from (file://…/out/renderer/index.html or the dev server). */
  isTrustedSender(url: string): boolean;
  warn(message: string, fields: LogFields): void;
}

/**
 * Everything that arrives over IPC, checked before the core sees it: the sender frame must be our renderer and the
 * operation must be one of the contract's. Returns a Result envelope, never throws (Electron would pass a thrown
 * error's message, stack and all, to the renderer).
 */
export function createIpcRouter(
  deps: IpcRouterDeps,
): (senderUrl: string | null, name: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (senderUrl, name, input) => {
    if (senderUrl === null || !deps.isTrustedSender(senderUrl)) {
      deps.warn('ipc call from an untrusted frame refused', { url: senderUrl === null ? null : redactUrl(senderUrl) });
      return fail('invalid_input', 'this window may not call Clockhand');
    }
    if (typeof name !== 'string' || !isOperationName(name)) {
      return fail('invalid_input', `unknown operation ${typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : typeof name}`);
    }
    try {
      return await deps.invoke(name, input);
    } catch (error) {
      deps.warn('ipc operation threw', { operation: name, error: error instanceof Error ? error.message : String(error) });
      return fail('internal', `${name} failed unexpectedly; see the log`);
    }
  };
}

/**
 * Trusts exactly the renderer's own pages: for the app:// protocol its origin (app://clockhand), for a file URL that
 * file, and an http(s) dev server origin only when one is configured (development).
 */
export function rendererUrlMatcher(rendererEntryUrl: string, devServerUrl: string | null): (url: string) => boolean {
  const entry = new URL(rendererEntryUrl);
  const dev = devServerUrl === null ? null : new URL(devServerUrl);
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') return entry.protocol === 'file:' && url.pathname === entry.pathname;
    if (url.protocol === 'http:' || url.protocol === 'https:') return dev !== null && url.origin === dev.origin;
    return (
      entry.protocol !== 'file:' && url.protocol === entry.protocol && url.host === entry.host && url.username === '' && url.password === ''
    );
  };
}

function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(unparsable)';
  }
}
