import { z } from 'zod';

/** Messages between the vault and its worker thread (validated on both sides). */
const ref = z.object({ id: z.string().min(1).max(64), capturedAt: z.number(), day: z.string(), display: z.string() }).strict();
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');
const key = bytes.refine((k) => k.length === 32, 'a key is 32 bytes');
const variant = z.enum(['full', 'thumb']);

export const workerRequestSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('seal'),
    requestId: z.number().int(),
    key,
    ref,
    format: z.enum(['bmp', 'jpeg', 'png']),
    data: bytes,
    blur: z.boolean(),
    fullPath: z.string(),
    thumbPath: z.string(),
  }),
  z.object({ op: z.literal('open'), requestId: z.number().int(), key, ref, variant, path: z.string() }),
  z.object({ op: z.literal('export'), requestId: z.number().int(), key, ref, path: z.string(), out: z.string() }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export const workerResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sealed'),
    requestId: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
  }),
  z.object({
    kind: z.literal('opened'),
    requestId: z.number().int(),
    png: bytes,
    width: z.number().int(),
    height: z.number().int(),
  }),
  z.object({ kind: z.literal('exported'), requestId: z.number().int(), width: z.number().int(), height: z.number().int() }),
  z.object({ kind: z.literal('refused'), requestId: z.number().int(), problem: z.enum(['tampered', 'missing']), message: z.string() }),
  z.object({ kind: z.literal('failed'), requestId: z.number().int(), message: z.string() }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;
