import { z } from 'zod';
import type { Logger } from '../core/ports/logger';
import { defaultTrackingSettings, type SettingsSource, type TrackingSettings } from '../core/ports/settings';

/** User-level tracking settings stored as JSON values; invalid values are ignored with a warning. */
const schemas = {
  'activity.idleMinutes': z.number().min(1).max(240),
  'activity.idlePromptMinutes': z
    .number()
    .min(1)
    .max(24 * 60),
  'activity.idleDefaultAction': z.enum(['keep', 'discard']),
} as const;

export interface SettingsReader {
  get(key: string): unknown;
}

export function createStoredSettings(reader: SettingsReader, logger: Logger): SettingsSource {
  const read = <K extends keyof typeof schemas>(key: K, fallback: z.infer<(typeof schemas)[K]>): z.infer<(typeof schemas)[K]> => {
    const value = reader.get(key);
    if (value === undefined) return fallback;
    const parsed = schemas[key].safeParse(value);
    if (parsed.success) return parsed.data as z.infer<(typeof schemas)[K]>;
    logger.warn('ignoring an invalid setting', { key });
    return fallback;
  };
  const settings: TrackingSettings = {
    idleMinutes: read('activity.idleMinutes', defaultTrackingSettings.idleMinutes),
    idlePromptMinutes: read('activity.idlePromptMinutes', defaultTrackingSettings.idlePromptMinutes),
    idleDefaultAction: read('activity.idleDefaultAction', defaultTrackingSettings.idleDefaultAction),
  };
  return { current: () => settings };
}
