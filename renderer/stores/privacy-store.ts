import { create } from 'zustand';
import type { OperationOutput } from '../../common/contract';
import type { ExportProgressDto } from '../../common/dto';
import { call, errorText } from '../bridge';
import { runCall } from './run-call';

type ExportResult = OperationOutput<'data.export'>;
export type ExportFormat = 'csv' | 'json' | 'archive';

/** How often a running export's progress is asked for (data.exportProgress, as the CLI does). */
export const EXPORT_PROGRESS_MS = 500;

interface PrivacyState {
  readonly exported: ExportResult | null;
  readonly exporting: boolean;
  /** How far the running export is, while one runs and the core has said so. */
  readonly progress: ExportProgressDto | null;
  readonly erasing: boolean;
  readonly error: string | null;
  readonly exportData: (format: ExportFormat, out: string) => Promise<boolean>;
  readonly erase: () => Promise<boolean>;
}

/** Export (written by the core, outside its data directory) with its progress, and erase everything. */
export const usePrivacy = create<PrivacyState>()((set, get) => ({
  exported: null,
  exporting: false,
  progress: null,
  erasing: false,
  error: null,
  exportData: async (format, out) => {
    set({ error: null, exported: null, exporting: true, progress: null });
    let asking = false;
    const poll = async (): Promise<void> => {
      if (asking) return;
      asking = true;
      try {
        const progress = await call('data.exportProgress', {});
        if (get().exporting) set({ progress: progress.running ? progress : null });
      } catch {
        // Progress is a courtesy: the export's own answer says whether it worked.
      } finally {
        asking = false;
      }
    };
    const timer = setInterval(() => void poll(), EXPORT_PROGRESS_MS);
    try {
      set({ exported: await call('data.export', { format, out }) });
      return true;
    } catch (error) {
      set({ error: errorText(error) });
      return false;
    } finally {
      clearInterval(timer);
      set({ exporting: false, progress: null });
    }
  },
  erase: () =>
    runCall(set, async () => {
      await call('data.erase', { confirm: true });
      set({ erasing: true });
    }),
}));
