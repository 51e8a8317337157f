import type { EffectiveSetting } from '../policy/policy-service';
import { isSecretSetting } from '../policy/setting-keys';

/**
 * A short fingerprint of what the organization's policy sets ("none" when it sets nothing): stored with the
 * consent, so anyone can see which policy it was given under. Secret values are counted as "set", never hashed.
 */
export function policyFingerprint(settings: readonly EffectiveSetting[]): string {
  const managed = settings
    .filter((setting) => setting.origin === 'machine' || setting.origin === 'user-policy')
    .map((setting) => `${setting.origin}:${setting.key}=${isSecretSetting(setting.key) ? 'set' : JSON.stringify(setting.value)}`)
    .sort();
  if (managed.length === 0) return 'none';
  return `${String(managed.length)}-${fnv1a(managed.join('\n'))}`;
}

/** FNV-1a (32 bit) as 8 hex digits: a fingerprint, not a security measure. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
