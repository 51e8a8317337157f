import type { Cancel } from './scheduler';

export type PowerEvent = 'suspend' | 'resume' | 'lock' | 'unlock';

/** Suspend/resume and screen lock/unlock, where the platform reports them. */
export interface PowerEvents {
  subscribe(listener: (event: PowerEvent) => void): Cancel;
}

/** For runtimes that cannot see power events: gaps in the tick are detected by the core instead. */
export const noPowerEvents: PowerEvents = {
  subscribe: () => () => undefined,
};
