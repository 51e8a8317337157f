import type { ClockhandBridge } from '../common/bridge';

declare global {
  interface Window {
    /** What preload/index.ts exposes (common/bridge.ts). Absent when the page is opened outside the app. */
    readonly clockhand?: ClockhandBridge;
  }
}
