import type { Migration } from '../migrate';

/**
 * The first schema: time entries, per-minute activity buckets, idle spans, user settings.
 * Times are integer epoch milliseconds (UTC); presentation converts to local time.
 */
export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE time_entries (
      id            INTEGER PRIMARY KEY,
      task_ref      TEXT    NOT NULL CHECK (length(task_ref) BETWEEN 3 AND 300),
      started_at    INTEGER NOT NULL,
      ended_at      INTEGER CHECK (ended_at IS NULL OR ended_at > started_at),
      note          TEXT    CHECK (note IS NULL OR length(note) <= 2000),
      origin        TEXT    NOT NULL CHECK (origin IN ('timer', 'manual', 'idle')),
      checkpoint_at INTEGER NOT NULL,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    ) STRICT;

    -- At most one running entry (ended_at IS NULL), enforced by the database itself.
    CREATE UNIQUE INDEX time_entries_one_running ON time_entries ((ended_at IS NULL)) WHERE ended_at IS NULL;
    CREATE INDEX time_entries_by_start ON time_entries (started_at);

    CREATE TABLE activity_minutes (
      minute_start     INTEGER PRIMARY KEY CHECK (minute_start % 60000 = 0),
      active_seconds   INTEGER NOT NULL CHECK (active_seconds BETWEEN 0 AND 60),
      keyboard_seconds INTEGER NOT NULL CHECK (keyboard_seconds BETWEEN 0 AND 60),
      mouse_seconds    INTEGER NOT NULL CHECK (mouse_seconds BETWEEN 0 AND 60)
    ) STRICT;

    CREATE TABLE idle_spans (
      id            INTEGER PRIMARY KEY,
      started_at    INTEGER NOT NULL,
      ended_at      INTEGER NOT NULL CHECK (ended_at >= started_at),
      reason        TEXT    NOT NULL CHECK (reason IN ('inactivity', 'locked', 'suspended', 'clock-jump', 'agent-stopped')),
      state         TEXT    NOT NULL CHECK (state IN ('pending', 'kept', 'discarded', 'reassigned', 'untracked')),
      reassigned_to TEXT    CHECK ((state = 'reassigned') = (reassigned_to IS NOT NULL)),
      decided_by    TEXT    CHECK (decided_by IS NULL OR decided_by IN ('user', 'default', 'auto')),
      decide_by     INTEGER,
      decided_at    INTEGER,
      created_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX idle_spans_by_start ON idle_spans (started_at);
    CREATE INDEX idle_spans_pending ON idle_spans (state) WHERE state = 'pending';

    CREATE TABLE settings (
      key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
      value_json TEXT NOT NULL CHECK (json_valid(value_json)),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
