import type { Result } from '../common/result';

/** What preload/index.ts exposes. Absent when the page is opened outside the app. */
export interface ClockhandBridge {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    readonly clockhand?: ClockhandBridge;
  }
}
