import { useEffect, useMemo } from 'react';
import type { DayReport, MonthReport, WeekReport } from '../../common/dto';
import { BarChart, type BarSeries } from '../components/BarChart';
import { ErrorNote } from '../components/ErrorNote';
import { GroupCard, type GroupTotal } from '../components/GroupCard';
import { LedgerCard } from '../components/LedgerCard';
import { TaskName } from '../components/TaskName';
import { formatHoursMinutes, longDay, shortDay } from '../format';
import { providerName } from '../provider-name';
import { activePercentOf, monthOf, monthTitle, type ReportRange } from '../periods';
import { useReports } from '../stores/reports-store';
import { useTasks } from '../stores/tasks-store';
import { taskLabel } from '../task-label';

const RANGES: readonly { range: ReportRange; label: string }[] = [
  { range: 'day', label: 'Day' },
  { range: 'week', label: 'Week' },
  { range: 'month', label: 'Month' },
];

function weekRange(days: readonly { day: string }[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  return first === undefined || last === undefined ? '' : `${longDay(first.day)} – ${longDay(last.day)}`;
}

/** "2026-11-05" -> "5" */
const dayOfMonth = (day: string): string => String(Number(day.slice(8)));

const hours = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

type Period = DayReport | WeekReport | MonthReport;

/**
 * The core's per-project totals as shown: a Jira project by its name and key ("Portal (PROJ)") or its key alone when the
 * name is not known; local tasks and Asana tasks without a cached project go under one "No project".
 */
function projectLabel(row: Period['byProject'][number]): string {
  switch (row.provider) {
    case 'jira':
      return row.name === null ? row.project : `${row.name} (${row.project})`;
    case 'asana':
      return row.name ?? 'No project';
    case 'local':
      return 'No project';
  }
}

function projectGroups(period: Period): GroupTotal[] {
  const shown = new Map<string, number>();
  for (const row of period.byProject) {
    const label = projectLabel(row);
    shown.set(label, (shown.get(label) ?? 0) + row.seconds);
  }
  return [...shown].map(([label, seconds]) => ({ label, seconds })).sort((a, b) => b.seconds - a.seconds);
}

const providerGroups = (period: Period): GroupTotal[] =>
  period.byProvider.map((row) => ({ label: providerName(row.provider, 'short'), seconds: row.seconds }));

/** Day, week and month totals by task, project and provider, active time, charts; the working-day ledger of a day. */
export function Reports(): React.JSX.Element {
  const { range, anchor, day, week, month, error, load, setRange, step } = useReports();
  const titles = useTasks((state) => state.titles);
  useEffect(() => {
    void load();
  }, [load]);
  const period = range === 'day' ? day : range === 'week' ? week : month;
  const byTask = period?.byTask;
  const total = period?.totalSeconds;
  const active =
    range === 'day' ? (day?.activity.percentOfTracked ?? null) : activePercentOf((range === 'week' ? week : month)?.days ?? []);
  const taskLabels = useMemo(() => (byTask ?? []).map((t) => taskLabel(t.taskRef, titles).title), [byTask, titles]);
  const taskSeries = useMemo<BarSeries[]>(
    () => [{ label: 'Tracked', values: (byTask ?? []).map((t) => hours(t.seconds)), colorVar: '--accent' }],
    [byTask],
  );
  const title =
    range === 'day' ? longDay(anchor) : range === 'week' ? (week === null ? '' : weekRange(week.days)) : monthTitle(monthOf(anchor));
  return (
    <div className="view reports">
      <header className="view-head">
        <div>
          <h1>Reports</h1>
          <p className="subtle" aria-live="polite">
            {title}
          </p>
        </div>
        <div className="stepper">
          <div className="segmented" role="group" aria-label="Range">
            {RANGES.map((r) => (
              <button
                key={r.range}
                type="button"
                aria-pressed={range === r.range}
                onClick={() => {
                  void setRange(r.range);
                }}
              >
                {r.label}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="ghost"
            aria-label={`Previous ${range}`}
            onClick={() => {
              void step(-1);
            }}
          >
            ‹
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={`Next ${range}`}
            onClick={() => {
              void step(1);
            }}
          >
            ›
          </button>
        </div>
      </header>
      <ErrorNote message={error} />
      <dl className="stats cards">
        <div className="card">
          <dt>Tracked</dt>
          <dd>{formatHoursMinutes(total ?? 0)}</dd>
        </div>
        <div className="card">
          <dt>Active (of tracked time)</dt>
          <dd>{active === null ? '—' : `${String(Math.min(100, Math.round(active)))}%`}</dd>
        </div>
        <div className="card">
          <dt>Tasks</dt>
          <dd>{String(byTask?.length ?? 0)}</dd>
        </div>
      </dl>
      {range === 'day' && day !== null && <LedgerCard ledger={day.ledger} />}
      {range === 'week' && week !== null && <DaysChart report={week} dayLabel={shortDay} />}
      {range === 'month' && month !== null && <DaysChart report={month} dayLabel={dayOfMonth} />}
      {period !== null && period.byTask.length > 0 && (
        <div className="two-columns">
          <GroupCard id="by-project" title="By project" groups={projectGroups(period)} />
          <GroupCard id="by-provider" title="By provider" groups={providerGroups(period)} />
        </div>
      )}
      <section className="card" aria-labelledby="task-chart">
        <h2 id="task-chart">By task</h2>
        {byTask === undefined || byTask.length === 0 ? (
          <p className="empty">Nothing tracked in this range.</p>
        ) : (
          <>
            <BarChart
              labels={taskLabels}
              series={taskSeries}
              horizontal
              summary={byTask.map((t, i) => `${taskLabels[i] ?? t.taskRef}: ${formatHoursMinutes(t.seconds)}`).join('; ')}
            />
            <ul className="totals" aria-label="Totals by task">
              {byTask.map((task) => (
                <li key={task.taskRef}>
                  <TaskName taskRef={task.taskRef} />
                  <span className="total-bar" aria-hidden="true">
                    <span style={{ width: `${String((task.seconds / Math.max(1, total ?? 1)) * 100)}%` }} />
                  </span>
                  <span className="total-value">{formatHoursMinutes(task.seconds)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** Tracked and active hours per day of a week or a month. */
function DaysChart({
  report,
  dayLabel,
}: {
  readonly report: WeekReport | MonthReport;
  readonly dayLabel: (day: string) => string;
}): React.JSX.Element {
  const labels = useMemo(() => report.days.map((d) => dayLabel(d.day)), [report, dayLabel]);
  const series = useMemo<BarSeries[]>(
    () => [
      { label: 'Tracked', values: report.days.map((d) => hours(d.totalSeconds)), colorVar: '--accent' },
      { label: 'Active', values: report.days.map((d) => hours(d.activeSeconds)), colorVar: '--accent-soft' },
    ],
    [report],
  );
  const worked = report.days.filter((d) => d.totalSeconds > 0);
  return (
    <section className="card" aria-labelledby="days-chart">
      <h2 id="days-chart">By day</h2>
      <BarChart
        labels={labels}
        series={series}
        summary={
          worked.length === 0
            ? 'Nothing tracked on any day.'
            : worked.map((d) => `${shortDay(d.day)}: ${formatHoursMinutes(d.totalSeconds)}`).join('; ')
        }
      />
    </section>
  );
}
