import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../../test/fakes/core-harness';

describe('report totals', () => {
  it('equal the sum of the entries they list, also with sub-second lengths', () => {
    const h = coreHarness(new Date(2026, 10, 20, 9, 0, 0).getTime());
    for (const task of ['local:a', 'local:b', 'local:a']) {
      must(h.core.invoke('timer.start', { taskRef: task }));
      h.time.advance(1_400);
    }
    must(h.core.invoke('timer.stop', {}));
    const entries = must(h.core.invoke('entries.list', { from: '2026-11-20' }));
    expect(entries.map((e) => e.durationSeconds)).toEqual([1, 1, 1]);
    const report = must(h.core.invoke('report.day', { day: '2026-11-20' }));
    expect(report.totalSeconds).toBe(3);
    expect(report.byTask).toEqual([
      { taskRef: 'local:a', seconds: 2 },
      { taskRef: 'local:b', seconds: 1 },
    ]);
    expect(must(h.core.invoke('status', {})).todaySeconds).toBe(3);
    expect(must(h.core.invoke('report.week', { day: '2026-11-20' })).totalSeconds).toBe(3);
  });
});
