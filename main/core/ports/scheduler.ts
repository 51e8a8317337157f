export type Cancel = () => void;

/** Timers as the core sees them. */
export interface Scheduler {
  /** Runs task every intervalMs until cancelled. */
  every(intervalMs: number, task: () => void): Cancel;
  /** Runs task once after delayMs unless cancelled. */
  after(delayMs: number, task: () => void): Cancel;
}
