import { create } from 'zustand';
import type { PolicyView } from '../../common/dto';
import { call, errorText } from '../bridge';
import { loadCall } from './run-call';

interface SettingsState {
  readonly policy: PolicyView | null;
  /** Per setting key: the core's refusal of the last change. */
  readonly errors: ReadonlyMap<string, string>;
  readonly error: string | null;
  readonly load: () => Promise<void>;
  readonly set: (key: string, value: unknown) => Promise<boolean>;
  readonly reset: (key: string) => Promise<boolean>;
}

/** Effective settings with their source; locked ones are read-only here and refused by the core anyway. */
export const useSettings = create<SettingsState>()((set, get) => {
  const change = async (key: string, action: () => Promise<unknown>): Promise<boolean> => {
    const errors = new Map(get().errors);
    errors.delete(key);
    set({ errors });
    try {
      await action();
      await get().load();
      return true;
    } catch (error) {
      const next = new Map(get().errors);
      next.set(key, errorText(error));
      set({ errors: next });
      return false;
    }
  };
  return {
    policy: null,
    errors: new Map(),
    error: null,
    load: () =>
      loadCall(set, async () => {
        set({ policy: await call('policy.show', {}), error: null });
      }),
    set: (key, value) => change(key, () => call('settings.set', { key, value })),
    reset: (key) => change(key, () => call('settings.reset', { key })),
  };
});
