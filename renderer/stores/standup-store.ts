import { create } from 'zustand';
import type { StandupDestinationDto, StandupDto } from '../../common/dto';
import { call } from '../bridge';
import { loadCall, runCall } from './run-call';

export interface StandupEdits {
  readonly yesterday: string | null;
  readonly today: string | null;
  readonly blockers: string | null;
}

interface StandupState {
  /** Today's standup: composed from the tracked data until it is posted. */
  readonly current: StandupDto | null;
  readonly history: readonly StandupDto[];
  /** Where standups go and what stands in the way of posting, as the core decides (null until loaded). */
  readonly destination: StandupDestinationDto | null;
  readonly busy: 'saving' | 'posting' | null;
  readonly error: string | null;
  /** Reads today's standup and the history. */
  readonly load: () => Promise<void>;
  /** Reads where standups go and whether one can be posted (the core decides). */
  readonly loadDestination: () => Promise<void>;
  /** Re-reads today's standup, the history and the destination (while a post is on its way, after a post). */
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
    set({ busy });
    try {
      return await runCall(set, async () => {
        set({ current: await action() });
        await get().refresh();
      });
    } finally {
      set({ busy: null });
    }
  };
  return {
    current: null,
    history: [],
    destination: null,
    busy: null,
    error: null,
    load: () =>
      loadCall(set, async () => {
        const [current, history] = await Promise.all([call('standup.preview', {}), call('standup.history', { limit: 30 })]);
        // Opening the view again starts clean: an old refusal is not shown over a standup read fresh.
        set({ current, history, error: null });
      }),
    loadDestination: () =>
      loadCall(set, async () => {
        set({ destination: await call('standup.destination', {}) });
      }),
    refresh: () =>
      loadCall(set, async () => {
        const [current, history, destination] = await Promise.all([
          call('standup.preview', {}),
          call('standup.history', { limit: 30 }),
          call('standup.destination', {}),
        ]);
        set({ current, history, destination });
      }),
    save: (edits) => act('saving', () => call('standup.edit', { ...edits })),
    post: () => act('posting', () => call('standup.post', {})),
  };
});
