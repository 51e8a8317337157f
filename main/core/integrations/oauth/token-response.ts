import { z } from 'zod';
import { DomainError } from '../../errors';
import { InvalidGrantError, type TokenSet } from '../../ports/token-endpoint';
import { describeAnswer, type VendorAnswer } from '../vendor-http';

const token = z.string().min(1).max(8192);

/** RFC 6749 5.1, as Atlassian, Asana and Microsoft send it (Slack's user tokens sit in `authed_user`). */
export const tokenFieldsSchema = z.object({
  access_token: token,
  refresh_token: token.optional(),
  expires_in: z
    .number()
    .int()
    .positive()
    .max(10 * 365 * 24 * 3600)
    .optional(),
  token_type: z.string().max(40).optional(),
});

const errorSchema = z.object({ error: z.string().min(1).max(200), error_description: z.string().max(1000).optional() });

/** RFC 6749 5.2 error codes that mean the grant (code or refresh token) is gone for good. */
const GRANT_GONE = new Set([
  'invalid_grant',
  'invalid_refresh_token',
  'token_revoked',
  'token_expired',
  'invalid_code',
  'bad_refresh_token',
]);

export function toTokenSet(fields: z.infer<typeof tokenFieldsSchema>, now: number): TokenSet {
  return {
    accessToken: fields.access_token,
    refreshToken: fields.refresh_token ?? null,
    expiresAt: fields.expires_in === undefined ? null : now + fields.expires_in * 1000,
  };
}

/** An error code safe to show (no echo of anything else the server sent). */
export function safeCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 60);
}

/** Turns a refusal into InvalidGrantError (grant gone) or DomainError naming the vendor; never echoes a body. */
export function tokenRefusal(vendor: string, code: string | null, answer: VendorAnswer): Error {
  if (code !== null && GRANT_GONE.has(code)) return new InvalidGrantError(`${vendor} refused the grant (${safeCode(code)})`);
  if (code !== null) return new DomainError('unavailable', `${vendor} refused the token request (${safeCode(code)})`);
  return new DomainError('unavailable', `${vendor}'s token endpoint answered ${describeAnswer(answer)}`);
}

/** A standard token answer: 200 with the token fields, else an RFC 6749 error (or an HTML page, or garbage). */
export function parseTokenAnswer(vendor: string, answer: VendorAnswer, now: number): TokenSet {
  if (answer.status === 200) {
    const parsed = tokenFieldsSchema.safeParse(answer.json);
    if (parsed.success) return toTokenSet(parsed.data, now);
    throw new DomainError('unavailable', `${vendor}'s token endpoint answered ${describeAnswer(answer)} without a usable access token`);
  }
  const error = errorSchema.safeParse(answer.json);
  throw tokenRefusal(vendor, error.success ? error.data.error : null, answer);
}
