export interface AssignedTask {
  /** jira:KEY or asana:<gid>: what `clockhand start` takes. */
  readonly taskRef: string;
  readonly title: string;
  readonly status: string | null;
  readonly project: string | null;
}

export interface TaskRefreshState {
  readonly connectionId: number;
  readonly refreshedAt: number | null;
  readonly failedAt: number | null;
  readonly error: string | null;
}

/** The cache of assigned tasks per connection. */
export interface AssignedTaskRepository {
  /** Replaces a connection's tasks in one transaction (a failed refresh keeps the old list). */
  replace(connectionId: number, tasks: readonly AssignedTask[], at: number): void;
  failed(connectionId: number, error: string, at: number): void;
  list(): (AssignedTask & { readonly connectionId: number })[];
  refreshes(): TaskRefreshState[];
  forget(connectionId: number): void;
}
