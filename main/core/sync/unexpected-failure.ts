import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { backoffMs } from './rate-limits';

/** Another try after the backoff, its outcome unknown: what an attempt that threw comes to. */
export interface UnexpectedRetry {
  readonly kind: 'retry';
  readonly at: number;
  readonly error: 'internal error';
  readonly outcomeUnknown: true;
}

/**
 * An attempt that threw (a bug, not a vendor's answer) is logged, message only, and tried again after the backoff. Its
 * outcome is unknown: the throw may have come after the request went out, so the next try checks before it sends.
 */
export function retryAfterUnexpected(
  error: unknown,
  attempts: number,
  deps: { readonly clock: Clock; readonly random: () => number; readonly logger: Logger },
  what: string,
  ids: Readonly<Record<string, number | string>>,
): UnexpectedRetry {
  deps.logger.error(`${what} failed unexpectedly`, { ...ids, error: error instanceof Error ? error.message : String(error) });
  return { kind: 'retry', at: deps.clock.now() + backoffMs(attempts, deps.random), error: 'internal error', outcomeUnknown: true };
}
