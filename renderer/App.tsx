import { useEffect, useState } from 'react';
import { statusDtoSchema, type StatusDto } from '../common/dto';
import { formatDuration } from './format';

type View = { kind: 'loading' } | { kind: 'disconnected'; reason: string } | { kind: 'ready'; status: StatusDto };

const SOURCE_LABELS: Record<StatusDto['activity']['source'], string> = {
  hook: 'keyboard and mouse presence',
  'idle-time': 'system idle time',
  none: 'none',
};

async function readStatus(): Promise<View> {
  const bridge = window.clockhand;
  if (bridge === undefined) return { kind: 'disconnected', reason: 'Not connected to the Clockhand core.' };
  const result = await bridge.invoke('status', {});
  if (!result.ok) return { kind: 'disconnected', reason: result.error.message };
  const parsed = statusDtoSchema.safeParse(result.value);
  return parsed.success
    ? { kind: 'ready', status: parsed.data }
    : { kind: 'disconnected', reason: 'The core answered in an unknown shape.' };
}

/** A minimal status page; the tray and the full window come with the UI issue. */
export function App(): React.JSX.Element {
  const [view, setView] = useState<View>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const refresh = (): void => {
      readStatus().then(
        (next) => {
          if (!cancelled) setView(next);
        },
        (error: unknown) => {
          if (!cancelled) setView({ kind: 'disconnected', reason: error instanceof Error ? error.message : String(error) });
        },
      );
    };
    refresh();
    const timer = setInterval(refresh, 1_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <main>
      <h1>Clockhand</h1>
      {view.kind === 'loading' && <p>Loading…</p>}
      {view.kind === 'disconnected' && (
        <p className="notice" role="status">
          {view.reason}
        </p>
      )}
      {view.kind === 'ready' && <StatusView status={view.status} />}
    </main>
  );
}

function StatusView({ status }: { status: StatusDto }): React.JSX.Element {
  const { timer, activity, idle, policy } = status;
  return (
    <dl>
      <dt>Timer</dt>
      <dd>{timer.running ? `${timer.taskRef ?? ''} — ${formatDuration(timer.elapsedSeconds)}` : 'not running'}</dd>
      <dt>Today</dt>
      <dd>{formatDuration(status.todaySeconds)}</dd>
      <dt>Active today</dt>
      <dd>{formatDuration(activity.activeSecondsToday)}</dd>
      <dt>Activity source</dt>
      <dd>
        {SOURCE_LABELS[activity.source]}
        {activity.degradedReason !== null && ` (${activity.degradedReason})`}
      </dd>
      {(policy.problem !== null || policy.lockedSettings > 0) && (
        <>
          <dt>Policy</dt>
          <dd>{policy.problem ?? `${String(policy.lockedSettings)} setting(s) set by your organization`}</dd>
        </>
      )}
      <dt>Idle</dt>
      <dd>{idle.pendingCount === 0 ? (idle.idle ? 'idle now' : 'active') : `${String(idle.pendingCount)} decision(s) waiting`}</dd>
    </dl>
  );
}
