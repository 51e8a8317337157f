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
