import type { PolicyView } from '../../common/dto';
import { useSettings } from './settings-store';

/** A boolean setting's effective value (true until the policy is known: the core refuses anyway). */
export function allowed(policy: PolicyView | null, key: string): boolean {
  const setting = policy?.settings.find((s) => s.key === key);
  return setting === undefined || setting.value !== false;
}

export function useAllowed(key: string): boolean {
  return allowed(
    useSettings((state) => state.policy),
    key,
  );
}
