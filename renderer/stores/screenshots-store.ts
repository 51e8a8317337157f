import { create } from 'zustand';
import type { ScreenshotDto } from '../../common/dto';
import { call, errorText } from '../bridge';
import { runCall } from './run-call';

export type Thumbnail =
  { readonly state: 'loading' } | { readonly state: 'ready'; readonly src: string } | { readonly state: 'failed'; readonly reason: string };

interface ScreenshotsState {
  readonly day: string | null;
  readonly shots: readonly ScreenshotDto[];
  /** Decrypted thumbnails by screenshot id, as data: URLs of the PNG the core sends (base64, checked by the contract). */
  readonly thumbnails: ReadonlyMap<string, Thumbnail>;
  readonly error: string | null;
  readonly load: (day: string) => Promise<void>;
  readonly thumbnail: (id: string) => Promise<void>;
  readonly remove: (id: string) => Promise<boolean>;
  /** The core refused a file as altered: the gallery shows it as tampered from now on. */
  readonly markTampered: (id: string) => void;
}

/** A day's screenshots; thumbnails are fetched one by one when shown (never the full image). */
export const useScreenshots = create<ScreenshotsState>()((set, get) => {
  const put = (id: string, thumb: Thumbnail): void => {
    const next = new Map(get().thumbnails);
    next.set(id, thumb);
    set({ thumbnails: next });
  };
  return {
    day: null,
    shots: [],
    thumbnails: new Map(),
    error: null,
    load: async (day) => {
      try {
        // A new list starts with no thumbnails: the gallery fetches those it shows again (old days' ones are dropped).
        set({ day, shots: await call('screenshots.list', { day }), thumbnails: new Map(), error: null });
      } catch (error) {
        set({ day, error: errorText(error) });
      }
    },
    thumbnail: async (id) => {
      if (get().thumbnails.has(id)) return;
      put(id, { state: 'loading' });
      try {
        const thumb = await call('screenshot.thumbnail', { id });
        put(id, { state: 'ready', src: `data:image/png;base64,${thumb.pngBase64}` });
      } catch (error) {
        put(id, { state: 'failed', reason: errorText(error) });
      }
    },
    remove: (id) =>
      runCall(set, async () => {
        await call('screenshot.delete', { id });
        const thumbnails = new Map(get().thumbnails);
        thumbnails.delete(id);
        set({ shots: get().shots.filter((shot) => shot.id !== id), thumbnails });
      }),
    markTampered: (id) => {
      set({ shots: get().shots.map((shot) => (shot.id === id ? { ...shot, state: 'tampered' as const } : shot)) });
    },
  };
});
