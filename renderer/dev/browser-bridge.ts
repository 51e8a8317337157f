// The preload bridge for a plain browser (`npm run dev:browser` only): window.clockhand.invoke over the harness's
// WebSocket. The token comes in the URL fragment once; it is moved to sessionStorage and removed from the address bar.
import type { ClockhandBridge } from '../../common/bridge';
import { BRIDGE_PATH, type BridgeReply } from '../../common/browser-bridge-protocol';
import type { OperationName, OperationOutput } from '../../common/contract';
import type { Result } from '../../common/result';

const TOKEN_KEY = 'clockhand.harness.token';

function takeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null && fromHash !== '') {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

type Pending = (result: Result<unknown>) => void;

function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function isReply(value: unknown): value is BridgeReply {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  if (value.type === 'ready') return true;
  return value.type === 'result' && 'id' in value && typeof value.id === 'number' && 'result' in value && typeof value.result === 'object';
}

function createBridge(token: string): ClockhandBridge {
  let socket: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${window.location.host}${BRIDGE_PATH}`);
      ws.addEventListener('open', () => {
        ws.send(JSON.stringify({ type: 'hello', token }));
      });
      ws.addEventListener('message', (event: MessageEvent<unknown>) => {
        let reply: unknown;
        try {
          reply = typeof event.data === 'string' ? JSON.parse(event.data) : undefined;
        } catch {
          return;
        }
        if (!isReply(reply)) return;
        if (reply.type === 'ready') {
          resolve(ws);
          return;
        }
        const settle = pending.get(reply.id);
        pending.delete(reply.id);
        settle?.(reply.result as Result<unknown>);
      });
      ws.addEventListener('close', (event) => {
        socket = null;
        reject(new Error(`the harness closed the connection (${String(event.code)})`));
        for (const settle of pending.values()) settle(unavailable('the development harness closed the connection'));
        pending.clear();
      });
    });

  return {
    // The harness relays the core's Result envelope for this operation; renderer/bridge.ts parses its value.
    invoke: async <K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>> => {
      socket ??= connect();
      let ws: WebSocket;
      try {
        ws = await socket;
      } catch (error) {
        return unavailable(error instanceof Error ? error.message : String(error));
      }
      const id = nextId++;
      const reply = new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
      return reply as Promise<Result<OperationOutput<K>>>;
    },
    // The harness sends no main -> window events: subscribing is a no-op.
    on: () => () => undefined,
  };
}

const token = takeToken();
if (token !== null) {
  Object.defineProperty(window, 'clockhand', { value: Object.freeze(createBridge(token)), enumerable: false, configurable: false });
}
