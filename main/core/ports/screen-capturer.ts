/** One display's picture, as the capture tool produced it (never written to disk in this form). */
export interface CapturedImage {
  /** The display's name (xrandr output name on Linux) or index. */
  readonly display: string;
  readonly format: 'bmp' | 'jpeg' | 'png';
  readonly data: Uint8Array;
}

export type CaptureResult =
  | { readonly ok: true; readonly images: readonly CapturedImage[] }
  /** No capture: missing tooling or permission, no display, a timeout. `reason` is shown in status. */
  | { readonly ok: false; readonly reason: string };

/** Takes one picture of every display. Never rejects; always settles (adapters put a timeout on the tool). */
export interface ScreenCapturer {
  capture(): Promise<CaptureResult>;
}
