import { z } from 'zod';
import type { AppError } from './result';

/**
 * The control socket speaks newline-delimited JSON: one request per line, one response per line.
 * A line longer than MAX_LINE_BYTES closes the connection.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_LINE_BYTES = 1024 * 1024;

export const controlRequestSchema = z
  .object({
    v: z.literal(PROTOCOL_VERSION),
    id: z.union([z.string().max(64), z.number().int()]),
    method: z.string().max(64),
    params: z.unknown().optional(),
  })
  .strict();
export type ControlRequest = z.infer<typeof controlRequestSchema>;

const errorSchema = z.object({ code: z.string(), message: z.string() });

export const controlResponseSchema = z.union([
  z.object({ v: z.literal(PROTOCOL_VERSION), id: z.union([z.string(), z.number(), z.null()]), ok: z.literal(true), value: z.unknown() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), id: z.union([z.string(), z.number(), z.null()]), ok: z.literal(false), error: errorSchema }),
]);
export type ControlResponse = z.infer<typeof controlResponseSchema>;

export function errorResponse(id: string | number | null, error: AppError): ControlResponse {
  return { v: PROTOCOL_VERSION, id, ok: false, error };
}
