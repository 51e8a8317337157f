import { useEffect, useMemo, useState } from 'react';
import { BarChart, type BarSeries } from '../components/BarChart';
import { ErrorNote } from '../components/ErrorNote';
import { TaskName } from '../components/TaskName';
import { formatHoursMinutes, longDay, shiftDay, shortDay, today } from '../format';
import { useReports, type ReportRange } from '../stores/reports-store';
import { useTasks } from '../stores/tasks-store';
import { taskLabel } from '../task-label';
import { totalsByProject, totalsByProvider, type GroupTotal } from '../report-groups';

function weekRange(days: readonly string[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  return first === undefined || last === undefined ? '' : `${longDay(first)} – ${longDay(last)}`;
}

const hours = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

/** Day and week totals by task, tracked vs active time, as charts and as text. */
export function Reports(): React.JSX.Element {
  const { range, day, week, error, load } = useReports();
  const [anchor, setAnchor] = useState(today());
  const titles = useTasks((state) => state.titles);
  const projects = useTasks((state) => state.projects);
  useEffect(() => {
    void load(range, anchor);
  }, [range, anchor, load]);
  const setRange = (next: ReportRange): void => {
    void load(next, anchor);
  };
  const byTask = range === 'day' ? day?.byTask : week?.byTask;
  const total = range === 'day' ? day?.totalSeconds : week?.totalSeconds;
  const active = range === 'day' ? day?.activity.activeSeconds : week?.days.reduce((sum, d) => sum + d.activeSeconds, 0);
  const taskLabels = useMemo(() => (byTask ?? []).map((t) => taskLabel(t.taskRef, titles).title), [byTask, titles]);
  const taskSeries = useMemo<BarSeries[]>(
    () => [{ label: 'Tracked', values: (byTask ?? []).map((t) => hours(t.seconds)), colorVar: '--accent' }],
    [byTask],
  );
  const dayLabels = useMemo(() => (week?.days ?? []).map((d) => shortDay(d.day)), [week]);
  const daySeries = useMemo<BarSeries[]>(
    () => [
      { label: 'Tracked', values: (week?.days ?? []).map((d) => hours(d.totalSeconds)), colorVar: '--accent' },
      { label: 'Active', values: (week?.days ?? []).map((d) => hours(d.activeSeconds)), colorVar: '--accent-soft' },
    ],
    [week],
  );
  const step = range === 'day' ? 1 : 7;
  return (
    <div className="view reports">
      <header className="view-head">
        <div>
          <h1>Reports</h1>
          <p className="subtle">{range === 'day' ? longDay(anchor) : week === null ? '' : weekRange(week.days.map((d) => d.day))}</p>
        </div>
        <div className="stepper">
          <div className="segmented" role="group" aria-label="Range">
            {(['day', 'week'] as const).map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={range === r}
                onClick={() => {
                  setRange(r);
                }}
              >
                {r === 'day' ? 'Day' : 'Week'}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="ghost"
            aria-label="Earlier"
            onClick={() => {
              setAnchor(shiftDay(anchor, -step));
            }}
          >
            ‹
          </button>
          <button
            type="button"
            className="ghost"
            aria-label="Later"
            onClick={() => {
              setAnchor(shiftDay(anchor, step));
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
          <dt>Active</dt>
          <dd>{total === undefined || total === 0 ? '—' : `${String(Math.min(100, Math.round(((active ?? 0) / total) * 100)))}%`}</dd>
        </div>
        <div className="card">
          <dt>Tasks</dt>
          <dd>{String(byTask?.length ?? 0)}</dd>
        </div>
      </dl>
      {range === 'week' && week !== null && (
        <section className="card" aria-labelledby="week-chart">
          <h2 id="week-chart">By day</h2>
          <BarChart
            labels={dayLabels}
            series={daySeries}
            summary={week.days.map((d) => `${shortDay(d.day)}: ${formatHoursMinutes(d.totalSeconds)}`).join('; ')}
          />
        </section>
      )}
      {byTask !== undefined && byTask.length > 0 && (
        <div className="two-columns">
          <GroupCard id="by-project" title="By project" groups={totalsByProject(byTask, projects)} />
          <GroupCard id="by-provider" title="By provider" groups={totalsByProvider(byTask)} />
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
            <ul className="totals">
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

function GroupCard({
  id,
  title,
  groups,
}: {
  readonly id: string;
  readonly title: string;
  readonly groups: readonly GroupTotal[];
}): React.JSX.Element {
  const max = Math.max(1, ...groups.map((g) => g.seconds));
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="totals">
        {groups.map((group) => (
          <li key={group.label}>
            <span className="task-title">{group.label}</span>
            <span className="total-bar" aria-hidden="true">
              <span style={{ width: `${String((group.seconds / max) * 100)}%` }} />
            </span>
            <span className="total-value">{formatHoursMinutes(group.seconds)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
