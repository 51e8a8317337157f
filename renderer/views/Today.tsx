import { useEffect, useState } from 'react';
import type { ScreenshotDto } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { ScreenshotViewer } from '../components/ScreenshotViewer';
import { TaskName } from '../components/TaskName';
import { TaskPicker } from '../components/TaskPicker';
import { Thumb } from '../components/Thumb';
import { Timeline } from '../components/Timeline';
import { formatDuration, formatHoursMinutes, longDay, minutesIntoDay, today } from '../format';
import { useConsent } from '../stores/consent-store';
import { useDay } from '../stores/day-store';
import { useIntegrations } from '../stores/integrations-store';
import { useNav } from '../stores/nav-store';
import { useStatus } from '../stores/status-store';
import { useTasks } from '../stores/tasks-store';

const DAY_REFRESH_MS = 15_000;
const STRIP_SHOTS = 8;

/** The running timer, the picker, and the day on one timeline. */
export function Today(): React.JSX.Element {
  const day = today();
  const { report, idle, screenshots, error: dayError, load } = useDay();
  const running = useStatus((state) => state.status?.timer.running ?? false);
  const entryId = useStatus((state) => state.status?.timer.entryId ?? null);
  const [opened, setOpened] = useState<string | null>(null);
  const open = (shot: ScreenshotDto): void => {
    setOpened(shot.id);
  };

  useEffect(() => {
    void load(day);
    const timer = setInterval(() => void load(day), DAY_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [day, load, running, entryId]);

  useEffect(() => {
    performance.mark('clockhand:today-rendered');
  }, []);
  useEffect(() => {
    if (report !== null) performance.mark('clockhand:today-day-rendered');
  }, [report]);

  const todaySeconds = useStatus((state) => state.status?.todaySeconds ?? 0);
  const activity = report?.activity.percentOfTracked ?? null;
  return (
    <div className="view today">
      <header className="view-head">
        <div>
          <h1>Today</h1>
          <p className="subtle">{longDay(day)}</p>
        </div>
        <dl className="stats">
          <div>
            <dt>Tracked</dt>
            <dd data-testid="day-total">{formatHoursMinutes(todaySeconds)}</dd>
          </div>
          <div>
            <dt>Active</dt>
            <dd>{activity === null ? '—' : `${String(Math.round(activity))}%`}</dd>
          </div>
          <div>
            <dt>Entries</dt>
            <dd>{String(report?.entries.length ?? 0)}</dd>
          </div>
        </dl>
      </header>
      <ConnectHint />
      <TimerCard />
      <ErrorNote message={dayError} />
      <Timeline
        day={day}
        report={report}
        idle={idle}
        screenshots={screenshots}
        nowMinute={minutesIntoDay(new Date().toISOString(), day)}
        onOpenScreenshot={open}
      />
      {screenshots.length > 0 && (
        <section className="card" aria-labelledby="today-shots">
          <h2 id="today-shots">Latest screenshots</h2>
          <div className="thumb-strip">
            {screenshots.slice(-STRIP_SHOTS).map((shot) => (
              <Thumb key={shot.id} shot={shot} onOpen={open} />
            ))}
          </div>
        </section>
      )}
      <TaskTotals />
      {opened !== null && (
        <ScreenshotViewer
          shots={screenshots}
          id={opened}
          onSelect={setOpened}
          onDeleted={() => void load(day)}
          onClose={() => {
            setOpened(null);
            void load(day);
          }}
        />
      )}
    </div>
  );
}

/** Onboarding after consent: an offer to connect accounts, while there are none and until dismissed. */
function ConnectHint(): React.JSX.Element | null {
  const onboarding = useConsent((state) => state.onboarding);
  const dismiss = useConsent((state) => state.dismissOnboarding);
  const connections = useIntegrations((state) => state.connections);
  const loadConnections = useIntegrations((state) => state.load);
  const go = useNav((state) => state.go);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (!onboarding) return;
    let current = true;
    void loadConnections().then(() => {
      if (current) setChecked(true);
    });
    return () => {
      current = false;
    };
  }, [onboarding, loadConnections]);
  if (!onboarding || !checked || connections.length > 0) return null;
  return (
    <section className="card onboarding-hint" aria-labelledby="onboarding-connect">
      <div>
        <h2 id="onboarding-connect">Connect your accounts</h2>
        <p>Add Jira, Tempo or Asana to pick your assigned tasks and post worklogs. Nothing is sent until you connect one.</p>
      </div>
      <div className="onboarding-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            go('integrations');
          }}
        >
          Connect accounts
        </button>
        <button type="button" className="ghost" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

function TimerCard(): React.JSX.Element {
  const { status, busy, error, start, stop } = useStatus();
  const problems = useTasks((state) => state.problems);
  const [taskRef, setTaskRef] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const timer = status?.timer;
  if (timer?.running === true && timer.taskRef !== null) {
    return (
      <section className="card timer running" aria-label="Timer">
        <div className="timer-main">
          <span className="pulse" aria-hidden="true" />
          <div className="timer-task">
            <TaskName taskRef={timer.taskRef} />
            {timer.note !== null && <p className="timer-note">{timer.note}</p>}
          </div>
          <span className="timer-elapsed" role="timer" aria-label="Elapsed">
            {formatDuration(timer.elapsedSeconds)}
          </span>
          <button type="button" className="primary stop" disabled={busy} onClick={() => void stop()}>
            Stop
          </button>
        </div>
        <ErrorNote message={error} />
      </section>
    );
  }
  return (
    <section className="card timer" aria-label="Timer">
      <form
        className="timer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (taskRef === null) return;
          void start(taskRef, note).then((done) => {
            if (done) {
              setTaskRef(null);
              setNote('');
            }
          });
        }}
      >
        {taskRef === null ? (
          <TaskPicker label="Task" onPick={setTaskRef} />
        ) : (
          <div className="picked">
            <TaskName taskRef={taskRef} />
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setTaskRef(null);
              }}
            >
              Change
            </button>
          </div>
        )}
        <label className="visually-hidden" htmlFor="timer-note">
          Note
        </label>
        <input
          id="timer-note"
          className="note-input"
          placeholder="Note (optional)"
          value={note}
          maxLength={2000}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
        <button type="submit" className="primary" disabled={busy || taskRef === null}>
          Start
        </button>
      </form>
      <ErrorNote message={error} />
      {problems.map((problem) => (
        <p key={problem} className="warning">
          Assigned tasks could not be refreshed: {problem}
        </p>
      ))}
    </section>
  );
}

function TaskTotals(): React.JSX.Element | null {
  const report = useDay((state) => state.report);
  if (report === null || report.byTask.length === 0) return null;
  const max = Math.max(...report.byTask.map((t) => t.seconds));
  return (
    <section className="card" aria-labelledby="today-tasks">
      <h2 id="today-tasks">By task</h2>
      <ul className="totals">
        {report.byTask.map((task) => (
          <li key={task.taskRef}>
            <TaskName taskRef={task.taskRef} />
            <span className="total-bar" aria-hidden="true">
              <span style={{ width: `${String((task.seconds / Math.max(1, max)) * 100)}%` }} />
            </span>
            <span className="total-value">{formatHoursMinutes(task.seconds)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
