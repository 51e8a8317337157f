import type { EffectiveSettingDto, PolicyChangeDto, PolicyView } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import type { PolicyChange } from '../ports/policy';
import type { EffectiveSetting, PolicyService } from './policy-service';
import { isSecretSetting } from './setting-keys';

/** Secrets (OAuth client secrets) never leave the core: only whether one is set. */
function redact(setting: EffectiveSetting): unknown {
  if (!isSecretSetting(setting.key) || typeof setting.value !== 'object' || setting.value === null) return setting.value;
  const value = setting.value as Record<string, unknown>;
  return 'clientSecret' in value ? { ...value, clientSecret: '(hidden)' } : value;
}

export function toSettingDto(setting: EffectiveSetting): EffectiveSettingDto {
  return { key: setting.key, value: redact(setting), source: setting.origin, locked: setting.locked };
}

export function toPolicyView(policy: PolicyService): PolicyView {
  return {
    problem: policy.problem(),
    sources: policy.sourceStatus().map((status) => ({
      ...status,
      appliedAt: status.appliedAt === null ? null : formatLocalIso(status.appliedAt),
    })),
    settings: policy.list().map(toSettingDto),
  };
}

export function toPolicyChangeDto(change: PolicyChange): PolicyChangeDto {
  return { at: formatLocalIso(change.at), scope: change.scope, key: change.key, sentence: change.sentence };
}
