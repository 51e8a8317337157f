import screenshot from 'screenshot-desktop';

export interface DisplayInfo {
  readonly id: string | number;
  readonly name?: string | undefined;
}

export type GrabFormat = 'bmp' | 'jpg';

/** Where screenshot-desktop runs: in this thread (tests), or in a worker thread (production, see capture-worker.ts). */
export interface CaptureBackend {
  listDisplays(): Promise<DisplayInfo[]>;
  grab(screen: string | number, format: GrabFormat): Promise<Uint8Array>;
  /** Drops whatever is stuck (a call that never settles); the next call starts afresh. */
  reset?(): void;
}

/** screenshot-desktop called directly in the current thread. */
export function libraryBackend(library: typeof screenshot = screenshot): CaptureBackend {
  return {
    listDisplays: () => library.listDisplays(),
    grab: (screen, format) => library({ screen, format }),
  };
}
