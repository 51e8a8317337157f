import { useState } from 'react';
import type { IdleSpanDto } from '../../common/dto';
import { clockTime, formatHoursMinutes } from '../format';
import { useIdle } from '../stores/idle-store';
import { useStatus } from '../stores/status-store';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import { TaskName } from './TaskName';
import { TaskPicker } from './TaskPicker';

const REASONS: Record<IdleSpanDto['reason'], string> = {
  inactivity: 'No keyboard or mouse input',
  locked: 'The screen was locked',
  suspended: 'The computer was asleep',
  'clock-jump': 'The clock jumped',
  'agent-stopped': 'Clockhand was not running',
};

/** The decision the core waits for after idle time with a running timer: keep, discard, or give it to a task. */
export function IdleDialog({ span }: { readonly span: IdleSpanDto }): React.JSX.Element {
  const { resolve, busy, error } = useIdle();
  const refresh = useStatus((state) => state.refresh);
  const [reassigning, setReassigning] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const answer = (action: 'keep' | 'discard' | 'reassign', taskRef?: string): void => {
    void resolve(span.id, action, taskRef).then(() => refresh());
  };
  return (
    <Dialog title="You were away" onClose={() => undefined} required>
      <p className="idle-span">
        <strong>
          {clockTime(span.startedAt)} – {clockTime(span.endedAt)}
        </strong>{' '}
        · {formatHoursMinutes(span.durationSeconds)}
      </p>
      <p className="subtle">
        {REASONS[span.reason]}. What should happen with this time?
        {span.decideBy !== null && ` If you do not answer, the default applies at ${clockTime(span.decideBy)}.`}
      </p>
      {reassigning && (
        <div className="reassign">
          {target === null ? (
            <TaskPicker label="Task for the idle time" onPick={setTarget} placeholder="Which task was it?" autoFocus />
          ) : (
            <TaskName taskRef={target} />
          )}
        </div>
      )}
      <ErrorNote message={error} />
      <footer className="dialog-actions">
        {reassigning ? (
          <>
            <button
              type="button"
              onClick={() => {
                setReassigning(false);
                setTarget(null);
              }}
            >
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy || target === null}
              onClick={() => {
                if (target !== null) answer('reassign', target);
              }}
            >
              Assign time
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                answer('discard');
              }}
            >
              Discard
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setReassigning(true);
              }}
            >
              Reassign…
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => {
                answer('keep');
              }}
            >
              Keep
            </button>
          </>
        )}
      </footer>
    </Dialog>
  );
}
