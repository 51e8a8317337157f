import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { removeFakeBridge } from '../test-support/fake-bridge';
import { monthReport } from '../test-support/report-samples';
import { useReports } from './reports-store';

describe('reports store', () => {
  afterEach(() => {
    removeFakeBridge();
    useReports.setState({ range: 'week', anchor: '2026-11-23', day: null, week: null, month: null, error: null });
  });

  it('shows the month asked for last when an earlier answer arrives after it', async () => {
    const answers = new Map<string, (result: Result<unknown>) => void>();
    Object.defineProperty(window, 'clockhand', {
      configurable: true,
      value: {
        invoke: (_name: string, input: unknown): Promise<Result<unknown>> =>
          new Promise((resolve) => {
            answers.set((input as { month: string }).month, resolve);
          }),
      },
    });
    useReports.setState({ range: 'month', anchor: '2026-11-23' });
    const first = useReports.getState().load();
    const second = useReports.getState().step(-1);
    expect(useReports.getState().anchor).toBe('2026-10-01');
    answers.get('2026-10')?.({ ok: true, value: monthReport('2026-10') });
    await second;
    answers.get('2026-11')?.({ ok: true, value: monthReport('2026-11') });
    await first;
    expect(useReports.getState().month?.month).toBe('2026-10');
  });
});
