/** A token bucket: `ratePerSecond` requests on average, bursts of up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number | null = null;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token if one is there; otherwise returns how many ms until one is. `now` is monotonic. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    if (this.updatedAt !== null) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    }
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000) };
  }
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 15 * 60_000;

/** Exponential backoff with full jitter: uniformly random in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffMs(attempt: number, random: () => number, capMs = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(capMs, BACKOFF_BASE_MS * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.floor(random() * ceiling);
}

/**
 * When the server says to come back: `Retry-After` (seconds, or an HTTP date), else Jira's `X-RateLimit-Reset`
 * (ISO-8601, e.g. 2026-11-22T10:31Z). null when neither is usable. At most an hour ahead, never in the past.
 */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number): number | null {
  const header = (name: string): string | undefined => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    return key === undefined ? undefined : headers[key];
  };
  const cap = (ms: number): number => Math.min(3_600_000, Math.max(0, ms));
  const retryAfter = header('retry-after')?.trim();
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d{1,7}$/.test(retryAfter)) return cap(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return cap(at - now);
  }
  const reset = header('x-ratelimit-reset')?.trim();
  if (reset !== undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(reset)) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return cap(at - now);
  }
  return null;
}
