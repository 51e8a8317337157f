import { z } from 'zod';

/**
 * The development harness's WebSocket protocol (`npm run dev:browser`): the browser shim in renderer/dev implements
 * the preload bridge over it. The first message must be `hello` with the per-run token; anything else closes the socket.
 */
export const BRIDGE_PATH = '/bridge';
/** Close codes: the token was missing or wrong; a message broke the protocol. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_PROTOCOL = 4400;
export const MAX_BRIDGE_MESSAGE_BYTES = 1024 * 1024;

export const helloSchema = z.object({ type: z.literal('hello'), token: z.string().min(1).max(200) }).strict();

export const invokeMessageSchema = z
  .object({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1).max(100),
    input: z.unknown(),
  })
  .strict();

export type HelloMessage = z.infer<typeof helloSchema>;
export type InvokeMessage = z.infer<typeof invokeMessageSchema>;

/** Server -> browser: `ready` once the token is accepted, then one `result` per invoke (a Result envelope). */
export type BridgeReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly result:
        { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: { code: string; message: string } };
    };
