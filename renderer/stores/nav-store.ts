import { create } from 'zustand';
import { today } from '../format';

export const VIEWS = ['today', 'entries', 'reports', 'standup', 'screenshots', 'integrations', 'settings', 'privacy'] as const;
export type ViewName = (typeof VIEWS)[number];

interface NavState {
  readonly view: ViewName;
  /** The day the Entries and Screenshots views show. */
  readonly day: string;
  /** A screenshot the app asked to show (a notification's "View"): the Screenshots view opens it once it is listed. */
  readonly shot: string | null;
  readonly go: (view: ViewName) => void;
  readonly setDay: (day: string) => void;
  readonly openShot: (id: string) => void;
  readonly shotOpened: () => void;
}

export const useNav = create<NavState>()((set) => ({
  view: 'today',
  day: today(),
  shot: null,
  go: (view) => {
    set({ view });
  },
  setDay: (day) => {
    set({ day });
  },
  openShot: (id) => {
    // Screenshots are announced as they are taken: the one asked for is today's.
    set({ view: 'screenshots', day: today(), shot: id });
  },
  shotOpened: () => {
    set({ shot: null });
  },
}));
