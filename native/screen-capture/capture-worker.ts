import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { libraryBackend } from './capture-backend';

/**
 * The capture worker thread: screenshot-desktop spawns xrandr and ImageMagick and gathers megabytes of stdout; doing
 * that here keeps process spawning and buffer handling off the main thread. Images are transferred, not copied.
 */
const requestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('list'), requestId: z.number().int() }).strict(),
  z
    .object({
      op: z.literal('grab'),
      requestId: z.number().int(),
      screen: z.union([z.string().max(200), z.number()]),
      format: z.enum(['bmp', 'jpg']),
    })
    .strict(),
]);

// ImageMagick's `import` otherwise runs one OpenMP thread per core: on a 2-core laptop it takes both cores for half
// a second and the app's main thread waits for the CPU (measured: the longest main-thread stall while capturing went
// from 9 to 5 ms with one thread; the capture itself took about as long). This thread's env is its own copy.
process.env.MAGICK_THREAD_LIMIT ??= '1';

const backend = libraryBackend();
const port = parentPort;

function owned(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = data.buffer;
  if (buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buffer.byteLength) return new Uint8Array(buffer);
  return new Uint8Array(data);
}

if (port !== null) {
  port.on('message', (message: unknown) => {
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return;
    const request = parsed.data;
    const failed = (error: unknown): void => {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
      port.postMessage({ requestId: request.requestId, ok: false, message: error instanceof Error ? error.message : String(error), code });
    };
    if (request.op === 'list') {
      backend.listDisplays().then((displays) => {
        port.postMessage({
          requestId: request.requestId,
          ok: true,
          displays: displays.map((d) => ({ id: d.id, name: d.name })),
        });
      }, failed);
    } else {
      backend.grab(request.screen, request.format).then((data) => {
        const image = owned(data);
        port.postMessage({ requestId: request.requestId, ok: true, image }, [image.buffer]);
      }, failed);
    }
  });
}
