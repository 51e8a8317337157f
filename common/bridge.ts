import type { IpcEventName, IpcEventPayload } from './ipc-events';
import type { OperationName, OperationOutput } from './contract';
import type { Result } from './result';

/**
 * What preload/index.ts exposes as `window.clockhand` (the preload is checked against this with `satisfies`).
 * Types only: the renderer may import it without pulling in zod.
 */
export interface ClockhandBridge {
  invoke<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  /** Subscribes to one main -> renderer event; returns the unsubscribe function. */
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}
