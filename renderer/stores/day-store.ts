import { create } from 'zustand';
import type { DayReport, IdleSpanDto, ScreenshotDto } from '../../common/dto';
import { call } from '../bridge';
import { loadCall } from './run-call';

interface DayState {
  readonly day: string | null;
  readonly report: DayReport | null;
  readonly idle: readonly IdleSpanDto[];
  readonly screenshots: readonly ScreenshotDto[];
  readonly error: string | null;
  readonly load: (day: string) => Promise<void>;
}

/** One day as the Today view draws it: entries and activity (report.day), idle spans, screenshots. */
export const useDay = create<DayState>()((set) => ({
  day: null,
  report: null,
  idle: [],
  screenshots: [],
  error: null,
  load: (day) =>
    loadCall(set, async () => {
      const [report, idle, screenshots] = await Promise.all([
        call('report.day', { day }),
        call('idle.list', { from: day, to: day }),
        call('screenshots.list', { day }),
      ]);
      // bench/today-render.ts measures from here to the Today view's commit with this day.
      performance.mark('clockhand:day-loaded');
      set({ day, report, idle, screenshots, error: null });
    }),
}));
