import { readFile, rm, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import sharp, { type Sharp } from 'sharp';
import type { ImageVariant, ScreenshotRef } from '../../../core/ports/screenshots';
import { decodeBmp } from './bmp';
import { sealedLength, sealImage, unsealImage } from './sealed-file';
import { writeFileAtomicStream } from '../write-file-atomic-stream';
import { workerRequestSchema, type WorkerRequest, type WorkerResponse } from './worker-messages';

/**
 * The screenshot worker thread: decode, blur, encode (PNG), thumbnail (320 px wide) and encrypt off the main
 * thread. It writes ciphertext only: plaintext pixels exist in memory here and nowhere on disk.
 */
export const THUMBNAIL_WIDTH = 320;

// One libvips thread: a screenshot every few minutes is background work and must leave the other cores to the user
// and to the app's main thread (libvips otherwise starts a thread per core for the blur and the resize).
sharp.concurrency(1);

function input(format: 'bmp' | 'jpeg' | 'png', data: Uint8Array): Sharp {
  if (format !== 'bmp') return sharp(data);
  const raw = decodeBmp(data);
  return sharp(raw.pixels, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
}

/** Writes the sealed parts with one gathered write into a temp file, fsynced and renamed into place (mode 0600). */
function writeCiphertext(path: string, parts: Buffer[]): Promise<void> {
  return writeFileAtomicStream(path, 0o600, (append) => append(...parts));
}

async function seal(request: Extract<WorkerRequest, { op: 'seal' }>): Promise<WorkerResponse> {
  let image = input(request.format, request.data).removeAlpha();
  const meta = await image.metadata();
  const width = meta.width;
  const height = meta.height;
  // Blur happens on the pixels, before any encoding: the unblurred image never leaves this function.
  if (request.blur) image = image.blur(Math.max(4, Math.round(width / 150)));
  const full = await image.clone().png({ compressionLevel: 6 }).toBuffer();
  const thumb = await image
    .clone()
    .resize({ width: Math.min(THUMBNAIL_WIDTH, width) })
    .png({ compressionLevel: 6 })
    .toBuffer();
  const sealedFull = sealImage(request.key, request.ref, 'full', full);
  const sealedThumb = sealImage(request.key, request.ref, 'thumb', thumb);
  full.fill(0);
  thumb.fill(0);
  await writeCiphertext(request.fullPath, sealedFull);
  try {
    await writeCiphertext(request.thumbPath, sealedThumb);
  } catch (error) {
    await rm(request.fullPath, { force: true });
    throw error;
  }
  return { kind: 'sealed', requestId: request.requestId, width, height, bytes: sealedLength(sealedFull) + sealedLength(sealedThumb) };
}

type Opened = { ok: true; png: Buffer } | { ok: false; response: WorkerResponse };

async function openFile(requestId: number, key: Uint8Array, ref: ScreenshotRef, variant: ImageVariant, path: string): Promise<Opened> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return { ok: false, response: { kind: 'refused', requestId, problem: 'missing', message: 'the encrypted file is missing' } };
  }
  const opened = unsealImage(key, ref, variant, file);
  if (!opened.ok) return { ok: false, response: { kind: 'refused', requestId, problem: 'tampered', message: opened.reason } };
  return { ok: true, png: opened.plaintext };
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.op) {
    case 'seal':
      return seal(request);
    case 'open': {
      const opened = await openFile(request.requestId, request.key, request.ref, request.variant, request.path);
      if (!opened.ok) return opened.response;
      const meta = await sharp(opened.png).metadata();
      return { kind: 'opened', requestId: request.requestId, png: opened.png, width: meta.width, height: meta.height };
    }
    case 'export': {
      const opened = await openFile(request.requestId, request.key, request.ref, 'full', request.path);
      if (!opened.ok) return opened.response;
      const meta = await sharp(opened.png).metadata();
      await writeFile(request.out, opened.png, { mode: 0o600 });
      return { kind: 'exported', requestId: request.requestId, width: meta.width, height: meta.height };
    }
  }
}

const port = parentPort;
if (port !== null) {
  port.on('message', (message: unknown) => {
    const parsed = workerRequestSchema.safeParse(message);
    if (!parsed.success) {
      port.postMessage({ kind: 'failed', requestId: -1, message: 'invalid request to the screenshot worker' } satisfies WorkerResponse);
      return;
    }
    handle(parsed.data).then(
      (response) => {
        port.postMessage(response);
      },
      (error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        port.postMessage({ kind: 'failed', requestId: parsed.data.requestId, message: text } satisfies WorkerResponse);
      },
    );
  });
}
