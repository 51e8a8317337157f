import { create } from 'zustand';
import type { DayReport, MonthReport, WeekReport } from '../../common/dto';
import { call, errorText } from '../bridge';
import { today } from '../format';
import { monthOf, stepAnchor, type ReportRange } from '../periods';

export type { ReportRange } from '../periods';

interface ReportsState {
  readonly range: ReportRange;
  /** A day inside the range shown (the day itself, a day of the week, a day of the month). */
  readonly anchor: string;
  readonly day: DayReport | null;
  readonly week: WeekReport | null;
  readonly month: MonthReport | null;
  readonly error: string | null;
  readonly load: () => Promise<void>;
  readonly setRange: (range: ReportRange) => Promise<void>;
  readonly step: (direction: -1 | 1) => Promise<void>;
}

/** Totals by task, project and provider for a day, the week around it or its month; the day's working-day ledger. */
export const useReports = create<ReportsState>()((set, get) => {
  // Answers can arrive out of order when the person steps quickly: only the latest request's answer is shown.
  let latest = 0;
  return {
    range: 'week',
    anchor: today(),
    day: null,
    week: null,
    month: null,
    error: null,
    load: async () => {
      const { range, anchor } = get();
      latest += 1;
      const request = latest;
      try {
        switch (range) {
          case 'day': {
            const day = await call('report.day', { day: anchor });
            if (request === latest) set({ day, error: null });
            break;
          }
          case 'week': {
            const week = await call('report.week', { day: anchor });
            if (request === latest) set({ week, error: null });
            break;
          }
          case 'month': {
            const month = await call('report.month', { month: monthOf(anchor) });
            if (request === latest) set({ month, error: null });
            break;
          }
        }
      } catch (error) {
        if (request === latest) set({ error: errorText(error) });
      }
    },
    setRange: async (range) => {
      set({ range });
      await get().load();
    },
    step: async (direction) => {
      const { range, anchor } = get();
      set({ anchor: stepAnchor(range, anchor, direction) });
      await get().load();
    },
  };
});
