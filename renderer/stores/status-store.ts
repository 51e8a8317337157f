import { create } from 'zustand';
import type { StatusDto } from '../../common/dto';
import { call, errorText } from '../bridge';
import { runBusyCall } from './run-call';

interface StatusState {
  readonly status: StatusDto | null;
  /** Why the core cannot be reached (null while it answers). */
  readonly offline: string | null;
  /** The last refusal of start/stop, in the core's words. */
  readonly error: string | null;
  readonly busy: boolean;
  readonly refresh: () => Promise<void>;
  readonly start: (taskRef: string, note: string) => Promise<boolean>;
  readonly stop: () => Promise<boolean>;
}

/** The timer and the agent's status (polled once a second by the window). */
export const useStatus = create<StatusState>()((set, get) => ({
  status: null,
  offline: null,
  error: null,
  busy: false,
  refresh: async () => {
    try {
      set({ status: await call('status', {}), offline: null });
    } catch (error) {
      set({ offline: errorText(error) });
    }
  },
  start: (taskRef, note) =>
    runBusyCall(set, async () => {
      await call('timer.start', note.trim() === '' ? { taskRef } : { taskRef, note: note.trim() });
      await get().refresh();
    }),
  stop: () =>
    runBusyCall(set, async () => {
      await call('timer.stop', {});
      await get().refresh();
    }),
}));
