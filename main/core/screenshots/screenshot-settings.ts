import type { PolicyService } from '../policy/policy-service';

export type ScreenshotMode = 'off' | 'optional' | 'required';

export interface ScreenshotSettings {
  readonly enabled: boolean;
  readonly mode: ScreenshotMode;
  /** The policy scope that forces capture on (required) or off; null when the user's own opt-in decides. */
  readonly lockedBy: 'machine' | 'user-policy' | null;
  readonly intervalMinutes: number;
  readonly blur: boolean;
  readonly allowUserDelete: boolean;
  /** The smaller of screenshots.retentionDays and retention.screenshotsDays. */
  readonly retentionDays: number;
}

/**
 * Effective screenshot settings, live. Policy mode `required` turns capture on and `off` turns it off, both locked;
 * `optional` or no policy leaves it to the user's own opt-in, which is off by default.
 */
export function screenshotSettings(policy: PolicyService, optIn: boolean): ScreenshotSettings {
  const entry = policy.entry('screenshots.mode');
  const mode = entry.value as ScreenshotMode;
  const policyScope = entry.origin === 'machine' || entry.origin === 'user-policy' ? entry.origin : null;
  const lockedBy = policyScope !== null && mode !== 'optional' ? policyScope : null;
  return {
    enabled: lockedBy === null ? optIn : mode === 'required',
    mode,
    lockedBy,
    intervalMinutes: policy.get('screenshots.intervalMinutes') as number,
    blur: policy.get('screenshots.blur') as boolean,
    allowUserDelete: policy.get('screenshots.allowUserDelete') as boolean,
    retentionDays: Math.min(policy.get('screenshots.retentionDays') as number, policy.get('retention.screenshotsDays') as number),
  };
}

/** The capture interval in words: "every minute", "every 5 minutes". */
export function everyInterval(minutes: number): string {
  return minutes === 1 ? 'every minute' : `every ${String(minutes)} minutes`;
}
