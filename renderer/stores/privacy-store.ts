import { create } from 'zustand';
import type { OperationOutput } from '../../common/contract';
import { call, errorText } from '../bridge';

type ExportResult = OperationOutput<'data.export'>;

interface PrivacyState {
  readonly exported: ExportResult | null;
  readonly erasing: boolean;
  readonly error: string | null;
  readonly exportData: (format: 'csv' | 'json', out: string) => Promise<boolean>;
  readonly erase: () => Promise<boolean>;
}

/** Export (written by the core, outside its data directory) and erase everything. */
export const usePrivacy = create<PrivacyState>()((set) => ({
  exported: null,
  erasing: false,
  error: null,
  exportData: async (format, out) => {
    set({ error: null, exported: null });
    try {
      set({ exported: await call('data.export', { format, out }) });
      return true;
    } catch (error) {
      set({ error: errorText(error) });
      return false;
    }
  },
  erase: async () => {
    set({ error: null });
    try {
      await call('data.erase', { confirm: true });
      set({ erasing: true });
      return true;
    } catch (error) {
      set({ error: errorText(error) });
      return false;
    }
  },
}));
