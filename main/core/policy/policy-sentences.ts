import { everyInterval } from '../screenshots/screenshot-settings';
import { settingValueText } from '../../../common/setting-value-text';
import { isSecretSetting, SETTINGS, type SettingKey } from './setting-keys';

/** A value as a person reads it. */
export function describeValue(key: SettingKey, value: unknown): string {
  if (isSecretSetting(key)) return value === null ? 'not set' : 'set';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return settingValueText(value, { none: 'none', unset: 'not set' });
}

export interface SettingChange {
  readonly key: SettingKey;
  readonly before: { readonly value: unknown; readonly managed: boolean };
  readonly after: { readonly value: unknown; readonly managed: boolean };
  /** The effective screenshot interval after the change (for "screenshots every N minutes"). */
  readonly intervalMinutes: number;
}

/** One plain sentence per change the organization made: "Your organization turned on screenshots every 10 minutes." */
export function changeSentence(change: SettingChange): string {
  const { key, before, after } = change;
  const label = SETTINGS[key].label;
  if (!after.managed) {
    return `Your organization no longer manages ${label}; your own setting applies (${describeValue(key, after.value)}).`;
  }
  if (key === 'screenshots.mode') {
    switch (after.value) {
      case 'required':
        return `Your organization turned on screenshots ${everyInterval(change.intervalMinutes)}.`;
      case 'optional':
        return 'Your organization made screenshots optional: you decide whether they are taken.';
      default:
        return 'Your organization turned off screenshots.';
    }
  }
  if (typeof after.value === 'boolean') return `Your organization turned ${after.value ? 'on' : 'off'} ${label}.`;
  if (isSecretSetting(key)) return `Your organization ${before.managed ? 'changed' : 'set'} ${label}.`;
  return `Your organization set ${label} to ${describeValue(key, after.value)}.`;
}
