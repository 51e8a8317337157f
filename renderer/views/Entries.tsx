import { useEffect, useState } from 'react';
import type { EntryDto } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { SyncBadge } from '../components/SyncBadge';
import { TaskName } from '../components/TaskName';
import { TaskPicker } from '../components/TaskPicker';
import { TextField } from '../components/TextField';
import { clockTime, formatHoursMinutes, longDay, shiftDay, today } from '../format';
import { useEntries, type EntryDraft } from '../stores/entries-store';
import { useNav } from '../stores/nav-store';
import { useAllowed } from '../stores/policy-flags';

type Editing =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly entry: EntryDto }
  | { readonly kind: 'split'; readonly entry: EntryDto }
  | null;

/** A day's entries: add, edit, split, delete (as the policy allows), and their sync state per target. */
export function Entries(): React.JSX.Element {
  const { day, setDay } = useNav();
  const { entries, attention, error, load, remove, retry, drop } = useEntries();
  const canAdd = useAllowed('tracking.allowManualEntries');
  const canEdit = useAllowed('tracking.allowEditing');
  const [editing, setEditing] = useState<Editing>(null);
  useEffect(() => {
    void load(day);
    const timer = setInterval(() => void load(day), 5_000);
    return () => {
      clearInterval(timer);
    };
  }, [day, load]);
  const total = entries.reduce((sum, e) => sum + e.durationSeconds, 0);
  return (
    <div className="view entries">
      <header className="view-head">
        <div>
          <h1>Entries</h1>
          <p className="subtle">{longDay(day)}</p>
        </div>
        <DayStepper day={day} onChange={setDay} />
      </header>
      <div className="toolbar">
        <span className="subtle">
          {entries.length === 1 ? '1 entry' : `${String(entries.length)} entries`} · {formatHoursMinutes(total)}
        </span>
        {canAdd ? (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setEditing({ kind: 'add' });
            }}
          >
            Add entry
          </button>
        ) : (
          <span className="managed">Manual entries are managed by your organization</span>
        )}
      </div>
      <ErrorNote message={error} />
      {editing?.kind === 'add' && (
        <EntryForm
          title="New entry"
          onDone={() => {
            setEditing(null);
          }}
        />
      )}
      {entries.length === 0 ? (
        <p className="empty">Nothing tracked on this day.</p>
      ) : (
        <ul className="entry-list" aria-label="Entries">
          {entries.map((entry) => (
            <li key={entry.id} className="entry-row">
              <div className="entry-time">
                {clockTime(entry.startedAt)}–{entry.endedAt === null ? 'now' : clockTime(entry.endedAt)}
              </div>
              <div className="entry-body">
                <TaskName taskRef={entry.taskRef} />
                {entry.note !== null && <p className="entry-note">{entry.note}</p>}
                <div className="sync-list">
                  {(entry.sync ?? []).map((sync) => (
                    <SyncBadge
                      key={sync.itemId}
                      sync={sync}
                      item={attention.get(sync.itemId)}
                      onRetry={() => void retry(sync.itemId)}
                      onDrop={() => void drop(sync.itemId)}
                    />
                  ))}
                </div>
                {editing?.kind === 'edit' && editing.entry.id === entry.id && (
                  <EntryForm
                    title="Edit entry"
                    entry={entry}
                    onDone={() => {
                      setEditing(null);
                    }}
                  />
                )}
                {editing?.kind === 'split' && editing.entry.id === entry.id && (
                  <SplitForm
                    entry={entry}
                    onDone={() => {
                      setEditing(null);
                    }}
                  />
                )}
              </div>
              <div className="entry-duration">{formatHoursMinutes(entry.durationSeconds)}</div>
              {canEdit && !entry.running && (
                <div className="entry-actions">
                  <button
                    type="button"
                    className="small ghost"
                    aria-label={`Edit entry ${clockTime(entry.startedAt)}`}
                    onClick={() => {
                      setEditing({ kind: 'edit', entry });
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="small ghost"
                    aria-label={`Split entry ${clockTime(entry.startedAt)}`}
                    onClick={() => {
                      setEditing({ kind: 'split', entry });
                    }}
                  >
                    Split
                  </button>
                  <button
                    type="button"
                    className="small ghost danger-text"
                    aria-label={`Delete entry ${clockTime(entry.startedAt)}`}
                    onClick={() => {
                      if (window.confirm('Delete this entry? Its worklog is removed from the vendor too.')) void remove(entry.id);
                    }}
                  >
                    Delete
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function DayStepper({ day, onChange }: { readonly day: string; readonly onChange: (day: string) => void }): React.JSX.Element {
  return (
    <div className="stepper" role="group" aria-label="Day">
      <button
        type="button"
        className="ghost"
        aria-label="Previous day"
        onClick={() => {
          onChange(shiftDay(day, -1));
        }}
      >
        ‹
      </button>
      <input
        type="date"
        aria-label="Pick a day"
        value={day}
        onChange={(e) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) onChange(e.target.value);
        }}
      />
      <button
        type="button"
        className="ghost"
        aria-label="Next day"
        onClick={() => {
          onChange(shiftDay(day, 1));
        }}
      >
        ›
      </button>
      <button
        type="button"
        className="ghost"
        onClick={() => {
          onChange(today());
        }}
      >
        Today
      </button>
    </div>
  );
}

function EntryForm({
  title,
  entry,
  onDone,
}: {
  readonly title: string;
  readonly entry?: EntryDto;
  readonly onDone: () => void;
}): React.JSX.Element {
  const { add, edit } = useEntries();
  const [taskRef, setTaskRef] = useState<string | null>(entry?.taskRef ?? null);
  const [draft, setDraft] = useState<Omit<EntryDraft, 'taskRef'>>({
    start: entry === undefined ? '09:00' : clockTime(entry.startedAt),
    end: entry?.endedAt === null || entry?.endedAt === undefined ? '10:00' : clockTime(entry.endedAt),
    note: entry?.note ?? '',
  });
  return (
    <form
      className="entry-form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        if (taskRef === null) return;
        const full = { ...draft, taskRef };
        void (entry === undefined ? add(full) : edit(entry.id, full)).then((done) => {
          if (done) onDone();
        });
      }}
    >
      <div className="field wide">
        <span className="field-label">Task</span>
        {taskRef === null ? (
          <TaskPicker label="Task" onPick={setTaskRef} placeholder="Search tasks or type a name" />
        ) : (
          <div className="picked">
            <TaskName taskRef={taskRef} />
            <button
              type="button"
              className="ghost small"
              onClick={() => {
                setTaskRef(null);
              }}
            >
              Change
            </button>
          </div>
        )}
      </div>
      <TextField
        label="Start"
        type="time"
        required
        value={draft.start}
        onChange={(start) => {
          setDraft({ ...draft, start });
        }}
      />
      <TextField
        label="End"
        type="time"
        required
        value={draft.end}
        onChange={(end) => {
          setDraft({ ...draft, end });
        }}
      />
      <TextField
        label="Note"
        wide
        value={draft.note}
        maxLength={2000}
        onChange={(note) => {
          setDraft({ ...draft, note });
        }}
      />
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={taskRef === null}>
          Save
        </button>
      </div>
    </form>
  );
}

function SplitForm({ entry, onDone }: { readonly entry: EntryDto; readonly onDone: () => void }): React.JSX.Element {
  const split = useEntries((state) => state.split);
  const [at, setAt] = useState(clockTime(entry.startedAt));
  return (
    <form
      className="entry-form"
      aria-label="Split entry"
      onSubmit={(event) => {
        event.preventDefault();
        void split(entry.id, at).then((done) => {
          if (done) onDone();
        });
      }}
    >
      <TextField label="Split at" type="time" required value={at} onChange={setAt} />
      <div className="form-actions">
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Split
        </button>
      </div>
    </form>
  );
}
