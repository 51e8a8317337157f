import { create } from 'zustand';
import { today } from '../format';

export const VIEWS = ['today', 'entries', 'reports', 'standup', 'screenshots', 'integrations', 'settings', 'privacy'] as const;
export type ViewName = (typeof VIEWS)[number];

interface NavState {
  readonly view: ViewName;
  /** The day the Entries and Screenshots views show. */
  readonly day: string;
  readonly go: (view: ViewName) => void;
  readonly setDay: (day: string) => void;
}

export const useNav = create<NavState>()((set) => ({
  view: 'today',
  day: today(),
  go: (view) => {
    set({ view });
  },
  setDay: (day) => {
    set({ day });
  },
}));
