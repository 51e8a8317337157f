import { Worker } from 'node:worker_threads';
import { workerResponseSchema, type WorkerRequest, type WorkerResponse } from './worker-messages';

/** Starts the worker thread (the built out/main/screenshot-worker.js; tests start the TypeScript source). */
export type WorkerFactory = () => Worker;

export function builtWorker(scriptPath: string): WorkerFactory {
  return () => new Worker(scriptPath);
}

export const WORKER_TIMEOUT_MS = 60_000;

type Pending = { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** Requests waiting for the worker at once (captures are one at a time; this only stops a runaway caller). */
export const MAX_PENDING_WORKER_REQUESTS = 32;

/** Request/response over one long-lived worker thread, restarted after it dies. */
export class VaultWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly factory: WorkerFactory) {}

  /**
   * Sends one request. The image buffer is transferred, not copied, so the main thread spends microseconds on it.
   */
  request(
    request: WorkerRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never,
  ): Promise<WorkerResponse> {
    if (this.pending.size >= MAX_PENDING_WORKER_REQUESTS) {
      return Promise.reject(new Error(`the screenshot worker already has ${String(MAX_PENDING_WORKER_REQUESTS)} requests waiting`));
    }
    const requestId = this.nextId++;
    const message = { ...request, requestId };
    const worker = this.ensure();
    return new Promise<WorkerResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`the screenshot worker did not answer within ${String(WORKER_TIMEOUT_MS / 1000)} s`));
      }, WORKER_TIMEOUT_MS);
      this.pending.set(requestId, { resolve, reject, timer });
      const transfer = message.op === 'seal' ? transferable(message.data) : [];
      worker.postMessage(message, transfer);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the screenshot worker was stopped'));
    if (worker !== null) await worker.terminate();
  }

  private ensure(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = this.factory();
    worker.unref();
    worker.on('message', (message: unknown) => {
      const parsed = workerResponseSchema.safeParse(message);
      if (!parsed.success) return;
      const entry = this.pending.get(parsed.data.requestId);
      if (entry === undefined) return;
      this.pending.delete(parsed.data.requestId);
      clearTimeout(entry.timer);
      entry.resolve(parsed.data);
    });
    worker.on('error', (error) => {
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the screenshot worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }
}

/** The buffer can move to the worker only if the image owns all of it (not a slice of Node's shared pool). */
function transferable(data: Uint8Array): ArrayBuffer[] {
  const buffer = data.buffer;
  return buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buffer.byteLength ? [buffer] : [];
}
