import type Database from 'better-sqlite3';
import type { AssignedTask, AssignedTaskRepository, TaskRefreshState } from '../core/ports/assigned-tasks';

interface TaskRow {
  connection_id: number;
  task_ref: string;
  title: string;
  status: string | null;
  project: string | null;
}

interface RefreshRow {
  connection_id: number;
  refreshed_at: number | null;
  failed_at: number | null;
  error: string | null;
}

export function createAssignedTaskRepository(db: Database.Database): AssignedTaskRepository {
  const clear = db.prepare<[number]>('DELETE FROM assigned_tasks WHERE connection_id = ?');
  const insert = db.prepare<[number, string, string, string | null, string | null, number]>(
    'INSERT OR REPLACE INTO assigned_tasks (connection_id, task_ref, title, status, project, position) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const refreshed = db.prepare<[number, number]>(
    `INSERT INTO assigned_task_refreshes (connection_id, refreshed_at, failed_at, error) VALUES (?, ?, NULL, NULL)
     ON CONFLICT (connection_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, failed_at = NULL, error = NULL`,
  );
  const failed = db.prepare<[number, number, string]>(
    `INSERT INTO assigned_task_refreshes (connection_id, refreshed_at, failed_at, error) VALUES (?, NULL, ?, ?)
     ON CONFLICT (connection_id) DO UPDATE SET failed_at = excluded.failed_at, error = excluded.error`,
  );
  const all = db.prepare<[], TaskRow>('SELECT * FROM assigned_tasks ORDER BY connection_id, position');
  const states = db.prepare<[], RefreshRow>('SELECT * FROM assigned_task_refreshes ORDER BY connection_id');
  const forgetTasks = db.prepare<[number]>('DELETE FROM assigned_tasks WHERE connection_id = ?');
  const forgetState = db.prepare<[number]>('DELETE FROM assigned_task_refreshes WHERE connection_id = ?');
  const replace = db.transaction((connectionId: number, tasks: readonly AssignedTask[], at: number) => {
    clear.run(connectionId);
    tasks.forEach((task, position) => {
      insert.run(
        connectionId,
        task.taskRef,
        task.title.slice(0, 1000),
        task.status?.slice(0, 200) ?? null,
        task.project?.slice(0, 400) ?? null,
        position,
      );
    });
    refreshed.run(connectionId, at);
  });
  return {
    replace: (connectionId, tasks, at) => {
      replace(connectionId, tasks, at);
    },
    failed: (connectionId, error, at) => {
      failed.run(connectionId, at, error.slice(0, 1000));
    },
    list: () =>
      all.all().map((row) => ({
        connectionId: row.connection_id,
        taskRef: row.task_ref,
        title: row.title,
        status: row.status,
        project: row.project,
      })),
    refreshes: () =>
      states.all().map((row): TaskRefreshState => ({
        connectionId: row.connection_id,
        refreshedAt: row.refreshed_at,
        failedAt: row.failed_at,
        error: row.error,
      })),
    forget: (connectionId) => {
      forgetTasks.run(connectionId);
      forgetState.run(connectionId);
    },
  };
}
