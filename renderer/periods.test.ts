import { describe, expect, it } from 'vitest';
import { activePercentOf, monthOf, shiftMonth, stepAnchor } from './periods';

describe('report periods', () => {
  it('steps months across the turn of the year and lands on the first of the month', () => {
    expect(monthOf('2026-11-23')).toBe('2026-11');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
    expect(stepAnchor('month', '2026-03-31', -1)).toBe('2026-02-01');
    expect(stepAnchor('month', '2026-12-15', 1)).toBe('2027-01-01');
    expect(stepAnchor('week', '2026-11-23', -1)).toBe('2026-11-16');
    expect(stepAnchor('day', '2026-03-01', -1)).toBe('2026-02-28');
  });

  it('weights each day’s active percent by its tracked time, and says nothing when nothing was tracked', () => {
    expect(
      activePercentOf([
        { totalSeconds: 10_800, percentOfTracked: 80 },
        { totalSeconds: 3_600, percentOfTracked: 40 },
        { totalSeconds: 0, percentOfTracked: null },
      ]),
    ).toBe(70);
    expect(activePercentOf([{ totalSeconds: 0, percentOfTracked: null }])).toBeNull();
  });
});
