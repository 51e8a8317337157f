import { z } from 'zod';
import type { Logger } from '../../core/ports/logger';
import { DEFAULT_LIMITS, type LaneLimits } from '../../core/sync/sync-worker';

/**
 * Per-provider request rates. Defaults stay well inside the vendors' documented limits (Jira's burst limits, Asana's
 * 150 per minute on free domains). CLOCKHAND_SYNC_RATES (JSON, provider -> requests per second), read at start, raises
 * or lowers them, for proxies and tests.
 */
const DEFAULTS: Readonly<Record<string, LaneLimits>> = {
  jira: { ratePerSecond: 5, burst: 10, concurrency: 4 },
  'jira-dc': { ratePerSecond: 5, burst: 10, concurrency: 4 },
  tempo: { ratePerSecond: 4, burst: 8, concurrency: 2 },
  asana: { ratePerSecond: 2, burst: 5, concurrency: 2 },
};

const ratesSchema = z.record(z.string().max(20), z.number().positive().max(10_000));

export function syncLimitsFromEnv(env: NodeJS.ProcessEnv, logger: Logger): (provider: string) => LaneLimits {
  const text = env.CLOCKHAND_SYNC_RATES;
  let overrides: Record<string, number> = {};
  if (text !== undefined && text.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const rates = ratesSchema.safeParse(parsed);
    if (rates.success) {
      overrides = rates.data;
      logger.warn('sync rates overridden by CLOCKHAND_SYNC_RATES', { rates: JSON.stringify(overrides) });
    } else {
      logger.error('CLOCKHAND_SYNC_RATES ignored: expected a JSON object of provider -> requests per second', {});
    }
  }
  return (provider) => {
    const base = DEFAULTS[provider] ?? DEFAULT_LIMITS;
    const rate = overrides[provider];
    return rate === undefined
      ? base
      : {
          ratePerSecond: rate,
          burst: Math.max(1, Math.ceil(rate * 2)),
          concurrency: Math.max(base.concurrency, Math.min(16, Math.ceil(rate / 10))),
        };
  };
}
