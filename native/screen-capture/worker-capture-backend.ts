import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { CaptureBackend, DisplayInfo, GrabFormat } from './capture-backend';

const responseSchema = z.union([
  z.object({
    requestId: z.number().int(),
    ok: z.literal(true),
    displays: z.array(z.object({ id: z.union([z.string(), z.number()]), name: z.string().optional() })),
  }),
  z.object({ requestId: z.number().int(), ok: z.literal(true), image: z.custom<Uint8Array>((v) => v instanceof Uint8Array) }),
  z.object({ requestId: z.number().int(), ok: z.literal(false), message: z.string(), code: z.string().nullable() }),
]);
type Response = z.infer<typeof responseSchema>;

/** An error from the worker, with the code (ENOENT...) it had there. */
export class CaptureWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'CaptureWorkerError';
  }
}

/** screenshot-desktop in a worker thread (capture-worker.ts), started on first use and restarted after a reset. */
export class WorkerCaptureBackend implements CaptureBackend {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();

  constructor(private readonly factory: () => Worker) {}

  async listDisplays(): Promise<DisplayInfo[]> {
    const response = await this.request({ op: 'list' });
    if ('displays' in response) return response.displays;
    throw new Error('unexpected answer from the capture worker');
  }

  async grab(screen: string | number, format: GrabFormat): Promise<Uint8Array> {
    const response = await this.request({ op: 'grab', screen, format });
    if ('image' in response) return response.image;
    throw new Error('unexpected answer from the capture worker');
  }

  reset(): void {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the capture worker was reset'));
    if (worker !== null) void worker.terminate().catch(() => undefined);
  }

  private async request(body: { op: 'list' } | { op: 'grab'; screen: string | number; format: GrabFormat }): Promise<Response> {
    const requestId = this.nextId++;
    const worker = this.ensure();
    const response = await new Promise<Response>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      worker.postMessage({ ...body, requestId });
    });
    if (!response.ok) throw new CaptureWorkerError(response.message, response.code);
    return response;
  }

  private ensure(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = this.factory();
    worker.unref();
    worker.on('message', (message: unknown) => {
      const parsed = responseSchema.safeParse(message);
      if (!parsed.success) return;
      const entry = this.pending.get(parsed.data.requestId);
      this.pending.delete(parsed.data.requestId);
      entry?.resolve(parsed.data);
    });
    worker.on('error', (error) => {
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the capture worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(error);
    }
  }
}
