import { describe, expect, it } from 'vitest';
import { ledgerRows, ledgerTotals } from './ledger-rows';
import { dayReport, pendingIdle } from './test-support/report-samples';

const DAY = '2026-11-23';

describe('ledger rows', () => {
  it('shows tracked time inside an undecided idle span as idle, waiting for a decision, not as tracked', () => {
    const rows = ledgerRows(dayReport(DAY).ledger, [pendingIdle(DAY)]);
    expect(rows.map((r) => [r.start.slice(11, 16), r.end.slice(11, 16), r.kind, r.taskRef])).toEqual([
      ['09:00', '10:00', 'tracked', 'jira:PROJ-1'],
      ['10:00', '10:20', 'idle_pending', 'jira:PROJ-1'],
      ['10:20', '10:30', 'tracked', 'jira:PROJ-1'],
      ['10:30', '12:00', 'untracked', null],
      ['12:00', '17:00', 'tracked', 'local:Planning'],
    ]);
    expect(ledgerTotals(rows)).toEqual({ tracked: 4_200 + 18_000, idlePending: 1_200, idleKept: 0, idleDiscarded: 0, untracked: 5_400 });
  });

  it('leaves the ledger as the core wrote it when no idle span waits', () => {
    const decided = { ...pendingIdle(DAY), state: 'kept' as const };
    expect(ledgerRows(dayReport(DAY).ledger, [decided])).toEqual(dayReport(DAY).ledger.segments);
  });
});
