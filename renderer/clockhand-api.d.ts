import type { Result } from '../common/result';

/** What preload/index.ts exposes. Absent when the page is opened outside the app. */
export interface ClockhandBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Main -> window events (the Electron preload has it; the development harness's browser bridge does not). */
  on?(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    readonly clockhand?: ClockhandBridge;
  }
}
