import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { dayReport, monthReport } from '../test-support/report-samples';
import { useReports } from '../stores/reports-store';
import { useTasks } from '../stores/tasks-store';
import { Reports } from './Reports';

const DAY = '2026-11-23';

function reset(): void {
  useReports.setState({ range: 'week', anchor: DAY, day: null, week: null, month: null, error: null });
}

describe('Reports', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    reset();
    useTasks.setState({ titles: new Map() });
  });

  it('shows a month with totals by task, project and provider and its active percent, and steps to the month before', async () => {
    reset();
    useReports.setState({ range: 'month' });
    useTasks.setState({ titles: new Map([['jira:PROJ-1', 'Checkout page loads slowly']]) });
    const calls = installFakeBridge({
      'report.month': (input) => ({ ok: true, value: monthReport((input as { month: string }).month) }),
    });
    render(<Reports />);
    await screen.findByText(/November 2026/);
    const tasks = await screen.findByRole('list', { name: 'Totals by task' });
    expect(tasks.textContent).toContain('Checkout page loads slowly');
    expect(tasks.textContent).toContain('3h 00m');
    expect(tasks.textContent).toContain('1h 00m');
    expect(
      within(screen.getByRole('list', { name: 'By project' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Portal (PROJ)3h 00m', 'No project1h 00m']);
    expect(
      within(screen.getByRole('list', { name: 'By provider' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Jira3h 00m', 'Asana1h 00m']);
    const stats = screen.getByText('Active (of tracked time)').closest('div');
    expect(stats?.textContent).toContain('70%');
    expect(screen.getByText('Tracked').closest('div')?.textContent).toContain('4h 00m');
    expect(screen.getByRole('heading', { name: 'By day' })).toBeTruthy();
    expect(calls.filter((c) => c.name === 'report.month').map((c) => c.input)).toEqual([{ month: '2026-11' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    await screen.findByText(/October 2026/);
    fireEvent.click(screen.getByRole('button', { name: 'Previous month' }));
    await screen.findByText(/September 2026/);
    fireEvent.click(screen.getByRole('button', { name: 'Next month' }));
    await screen.findByText(/October 2026/);
    await waitFor(() => {
      expect(calls.filter((c) => c.name === 'report.month').map((c) => c.input)).toEqual([
        { month: '2026-11' },
        { month: '2026-10' },
        { month: '2026-09' },
        { month: '2026-10' },
      ]);
    });
    expect(useReports.getState().month?.month).toBe('2026-10');
  });

  it('switches between day, week and month with the range buttons', async () => {
    reset();
    const calls = installFakeBridge({
      'report.week': ok({ ...monthReport('2026-11'), week: '2026-W48', month: undefined }),
      'report.month': (input) => ({ ok: true, value: monthReport((input as { month: string }).month) }),
      'report.day': ok(dayReport(DAY)),
    });
    render(<Reports />);
    await waitFor(() => {
      expect(calls.map((c) => c.name)).toContain('report.week');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Month' }));
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Month' }).getAttribute('aria-pressed')).toBe('true');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Day' }));
    await screen.findByRole('heading', { name: 'Working day' });
    expect(calls.map((c) => c.name)).toEqual(['report.week', 'report.month', 'report.day']);
    expect(calls.find((c) => c.name === 'report.day')?.input).toEqual({ day: DAY });
  });

  it('shows the working-day ledger of a day: untracked time within working hours, undecided idle time apart from tracked', async () => {
    reset();
    useReports.setState({ range: 'day' });
    installFakeBridge({ 'report.day': ok(dayReport(DAY)) });
    render(<Reports />);
    const ledger = await screen.findByRole('region', { name: 'Working day' });
    const totals = within(ledger).getByLabelText('Working day totals');
    expect(totals.textContent).toContain('Working hours09:00–17:00');
    expect(totals.textContent).toContain('Untracked in working hours1h 30m');
    expect(totals.textContent).toContain('Idle, undecided20m');
    expect(totals.textContent).toContain('Tracked6h 10m');
    expect(totals.textContent).toContain('Outside working hours15m');
    const rows = within(within(ledger).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      ['09:00–10:00', 'TrackedPROJ-1PROJ-1', '1h 00m'],
      ['10:00–10:20', 'Idle, waiting for your decisionPROJ-1PROJ-1', '20m'],
      ['10:20–10:30', 'TrackedPROJ-1PROJ-1', '10m'],
      ['10:30–12:00', 'Untracked', '1h 30m'],
      ['12:00–17:00', 'TrackedLocalPlanning', '5h 00m'],
    ]);
    expect(rows[3]?.className).toBe('kind-untracked');
    const items = (name: string): (string | null)[] =>
      within(screen.getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(items('By project')).toEqual(['No project5h 00m', 'PROJ1h 30m']);
    expect(items('By provider')).toEqual(['Local tasks5h 00m', 'Jira1h 30m']);
    expect(screen.getByText('Active (of tracked time)').closest('div')?.textContent).toContain('86%');
  });

  it('says so on a day without working hours', async () => {
    reset();
    useReports.setState({ range: 'day' });
    const report = dayReport(DAY);
    installFakeBridge({
      'report.day': ok({
        ...report,
        ledger: {
          ...report.ledger,
          workingFrom: null,
          workingTo: null,
          segments: [],
          totals: { ...report.ledger.totals, untrackedSeconds: 0 },
        },
      }),
    });
    render(<Reports />);
    const ledger = await screen.findByRole('region', { name: 'Working day' });
    expect(ledger.textContent).toContain('No working hours on this day. 15m tracked anyway.');
    expect(within(ledger).queryByRole('table')).toBeNull();
  });
});
