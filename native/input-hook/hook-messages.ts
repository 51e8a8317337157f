import { z } from 'zod';

/**
 * Everything the input-hook process may say to its parent. Nothing else exists: no key, no code, no position.
 * The parent validates every message against this schema.
 */
export const hookMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready') }).strict(),
  z.object({ t: z.literal('input'), d: z.enum(['keyboard', 'mouse']) }).strict(),
]);
export type HookMessage = z.infer<typeof hookMessageSchema>;

/** The child reports each device at most this often; the parent needs presence per second, not events. */
export const HOOK_REPORT_INTERVAL_MS = 200;
