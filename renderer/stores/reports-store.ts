import { create } from 'zustand';
import type { DayReport, WeekReport } from '../../common/dto';
import { call, errorText } from '../bridge';

export type ReportRange = 'day' | 'week';

interface ReportsState {
  readonly range: ReportRange;
  readonly day: DayReport | null;
  readonly week: WeekReport | null;
  readonly error: string | null;
  readonly load: (range: ReportRange, anchor: string) => Promise<void>;
}

/** Totals by task for a day or the week around it. */
export const useReports = create<ReportsState>()((set) => ({
  range: 'week',
  day: null,
  week: null,
  error: null,
  load: async (range, anchor) => {
    set({ range });
    try {
      if (range === 'day') set({ day: await call('report.day', { day: anchor }), error: null });
      else set({ week: await call('report.week', { day: anchor }), error: null });
    } catch (error) {
      set({ error: errorText(error) });
    }
  },
}));
