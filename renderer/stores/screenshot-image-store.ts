import { create } from 'zustand';
import type { ErrorCode } from '../../common/result';
import { BridgeError, call, errorText } from '../bridge';

export type FullImage =
  | { readonly state: 'none' }
  | { readonly state: 'loading'; readonly id: string }
  | { readonly state: 'ready'; readonly id: string; readonly url: string; readonly width: number; readonly height: number }
  | {
      readonly state: 'failed';
      readonly id: string;
      readonly reason: string;
      readonly code: ErrorCode | 'no_bridge' | 'bad_answer' | null;
    };

interface ScreenshotImageState {
  /** The one full-size image the viewer shows (at most one is held at a time). */
  readonly image: FullImage;
  /** Asks the core to decrypt a screenshot's full image; the previous one is released first. */
  readonly open: (id: string) => Promise<void>;
  /** Releases the image (revokes its object URL) and forgets any answer still on its way. */
  readonly close: () => void;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The core's base64 PNG (already checked as base64 by the contract) as bytes; refuses anything that is not a PNG. */
function pngBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte))
    throw new BridgeError('bad_answer', 'The core sent an image that is not a PNG.');
  return bytes;
}

/**
 * The viewer's full-size screenshot: decrypted by the core only when opened, held as one Blob behind an object URL
 * (never a file), released when the viewer moves on or closes. Answers that arrive after that are dropped.
 */
export const useScreenshotImage = create<ScreenshotImageState>()((set, get) => {
  let request = 0;
  const release = (): void => {
    const current = get().image;
    if (current.state === 'ready') URL.revokeObjectURL(current.url);
  };
  return {
    image: { state: 'none' },
    open: async (id) => {
      release();
      request += 1;
      const mine = request;
      set({ image: { state: 'loading', id } });
      try {
        const answer = await call('screenshot.image', { id });
        if (mine !== request) return;
        const url = URL.createObjectURL(new Blob([pngBytes(answer.pngBase64)], { type: 'image/png' }));
        set({ image: { state: 'ready', id, url, width: answer.width, height: answer.height } });
      } catch (error) {
        if (mine !== request) return;
        set({ image: { state: 'failed', id, reason: errorText(error), code: error instanceof BridgeError ? error.code : null } });
      }
    },
    close: () => {
      release();
      request += 1;
      set({ image: { state: 'none' } });
    },
  };
});
