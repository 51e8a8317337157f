import { create } from 'zustand';
import type { EntryDto, SyncItemDto } from '../../common/dto';
import { call, errorText } from '../bridge';
import { runCall } from './run-call';

export interface EntryDraft {
  readonly taskRef: string;
  /** Local "HH:MM" on the store's day. */
  readonly start: string;
  readonly end: string;
  readonly note: string;
}

interface EntriesState {
  readonly day: string | null;
  readonly entries: readonly EntryDto[];
  /** Outbox items that need the user (by item id): their vendor error and attempts. */
  readonly attention: ReadonlyMap<number, SyncItemDto>;
  readonly error: string | null;
  readonly load: (day: string) => Promise<void>;
  readonly add: (draft: EntryDraft) => Promise<boolean>;
  readonly edit: (id: number, draft: EntryDraft) => Promise<boolean>;
  readonly split: (id: number, at: string) => Promise<boolean>;
  readonly remove: (id: number) => Promise<boolean>;
  readonly retry: (itemId: number) => Promise<boolean>;
  readonly drop: (itemId: number) => Promise<boolean>;
  readonly clearError: () => void;
}

const localTime = (day: string, time: string): string => `${day}T${time}`;

/** Entries of one day with their sync state; every change goes through the core, which validates it. */
export const useEntries = create<EntriesState>()((set, get) => {
  const run = (action: () => Promise<unknown>): Promise<boolean> =>
    runCall(set, async () => {
      await action();
      const { day } = get();
      if (day !== null) await get().load(day);
    });
  const dayOrThrow = (): string => {
    const { day } = get();
    if (day === null) throw new Error('no day is open');
    return day;
  };
  return {
    day: null,
    entries: [],
    attention: new Map(),
    error: null,
    load: async (day) => {
      try {
        const [entries, sync] = await Promise.all([
          call('entries.list', { from: day, to: day }),
          call('sync.list', { states: ['needs_attention', 'needs_reauth'] }),
        ]);
        set({ day, entries, attention: new Map(sync.items.map((item) => [item.id, item])) });
      } catch (error) {
        set({ day, error: errorText(error) });
      }
    },
    add: (draft) =>
      run(() => {
        const day = dayOrThrow();
        return call('entry.add', {
          taskRef: draft.taskRef,
          start: localTime(day, draft.start),
          end: localTime(day, draft.end),
          ...(draft.note.trim() !== '' && { note: draft.note.trim() }),
        });
      }),
    edit: (id, draft) =>
      run(() => {
        const day = dayOrThrow();
        return call('entry.edit', {
          id,
          taskRef: draft.taskRef,
          start: localTime(day, draft.start),
          end: localTime(day, draft.end),
          note: draft.note.trim() === '' ? null : draft.note.trim(),
        });
      }),
    split: (id, at) => run(() => call('entry.split', { id, at: localTime(dayOrThrow(), at) })),
    remove: (id) => run(() => call('entry.delete', { id })),
    retry: (itemId) => run(() => call('sync.retry', { id: itemId })),
    drop: (itemId) => run(() => call('sync.drop', { id: itemId })),
    clearError: () => {
      set({ error: null });
    },
  };
});
