import { create } from 'zustand';
import type { ConnectionDto, StandupDto } from '../../common/dto';
import { call, errorText } from '../bridge';

export interface StandupEdits {
  readonly yesterday: string | null;
  readonly today: string | null;
  readonly blockers: string | null;
}

interface StandupState {
  /** Today's standup: composed from the tracked data until it is posted. */
  readonly current: StandupDto | null;
  readonly history: readonly StandupDto[];
  readonly connections: readonly ConnectionDto[];
  readonly busy: 'saving' | 'posting' | null;
  readonly error: string | null;
  readonly load: () => Promise<void>;
  /** Re-reads today's standup and the history (while a post is on its way). */
  readonly refresh: () => Promise<void>;
  readonly save: (edits: StandupEdits) => Promise<boolean>;
  readonly post: () => Promise<boolean>;
}

/** A post is on its way while the standup is queued or being sent: the view polls until it settles. */
export function isPosting(standup: StandupDto | null): boolean {
  return standup?.state === 'pending' || standup?.state === 'in_flight';
}

/** The day's standup (preview, edit, post) and the ones before it with their state. */
export const useStandup = create<StandupState>()((set, get) => {
  const act = async (busy: 'saving' | 'posting', action: () => Promise<StandupDto>): Promise<boolean> => {
    set({ busy, error: null });
    try {
      const current = await action();
      set({ current });
      await get().refresh();
      return true;
    } catch (error) {
      set({ error: errorText(error) });
      return false;
    } finally {
      set({ busy: null });
    }
  };
  return {
    current: null,
    history: [],
    connections: [],
    busy: null,
    error: null,
    load: async () => {
      try {
        const [current, history, connections] = await Promise.all([
          call('standup.preview', {}),
          call('standup.history', { limit: 30 }),
          call('connections.list', {}),
        ]);
        set({ current, history, connections, error: null });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
    refresh: async () => {
      try {
        const [current, history] = await Promise.all([call('standup.preview', {}), call('standup.history', { limit: 30 })]);
        set({ current, history });
      } catch (error) {
        set({ error: errorText(error) });
      }
    },
    save: (edits) => act('saving', () => call('standup.edit', { ...edits })),
    post: () => act('posting', () => call('standup.post', {})),
  };
});
