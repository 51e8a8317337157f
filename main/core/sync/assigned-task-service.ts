import type { AssignedTasksView } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import { ConnectionUnusableError, type ConnectionService } from '../integrations/connection-service';
import type { AssignedTaskRepository } from '../ports/assigned-tasks';
import type { Clock } from '../ports/clock';
import type { ConnectionRecord, ConnectionRepository } from '../ports/connections';
import type { HttpClient } from '../ports/http-client';
import type { Logger } from '../ports/logger';
import type { Cancel, Scheduler } from '../ports/scheduler';
import { REQUEST_TIMEOUT_MS } from './call-outcome';
import { searchAssignedIssues } from './jira-task-search';
import { searchAsanaAssigned } from './asana-task-search';

export const TASK_REFRESH_MS = 5 * 60_000;
/** Connections that have assigned tasks to list. */
const TASK_PROVIDERS: readonly string[] = ['jira', 'jira-dc', 'asana'];

/** Tasks assigned to the user, cached in SQLite: refreshed every few minutes and on demand; offline shows the cache. */
export class AssignedTaskService {
  private cancel: Cancel | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly cache: AssignedTaskRepository,
    private readonly connections: ConnectionService,
    private readonly records: ConnectionRepository,
    private readonly http: HttpClient,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.cancel !== null) return;
    this.cancel = this.scheduler.every(TASK_REFRESH_MS, () => {
      void this.refresh();
    });
    void this.refresh();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Refreshes every connection that has tasks (one refresh at a time; callers share a running one). */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshAll().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async view(refresh: boolean): Promise<AssignedTasksView> {
    if (refresh) await this.refresh();
    const now = this.clock.now();
    const known = new Set(this.records.list().map((r) => r.id));
    const states = this.cache.refreshes().filter((s) => known.has(s.connectionId));
    return {
      tasks: this.cache
        .list()
        .filter((t) => known.has(t.connectionId))
        .map((t) => ({ connectionId: t.connectionId, taskRef: t.taskRef, title: t.title, status: t.status, project: t.project })),
      sources: states.map((s) => ({
        connectionId: s.connectionId,
        refreshedAt: s.refreshedAt === null ? null : formatLocalIso(s.refreshedAt),
        ageSeconds: s.refreshedAt === null ? null : Math.max(0, Math.round((now - s.refreshedAt) / 1000)),
        error: s.error,
      })),
    };
  }

  private async refreshAll(): Promise<void> {
    for (const record of this.records.list()) {
      if (!TASK_PROVIDERS.includes(record.provider)) continue;
      if (record.state === 'needs_reauth') continue;
      await this.refreshOne(record);
    }
  }

  private async refreshOne(record: ConnectionRecord): Promise<void> {
    const now = (): number => this.clock.now();
    let authorization: string;
    try {
      authorization = (await this.connections.authorize(record.id)).authorization;
    } catch (error) {
      if (error instanceof ConnectionUnusableError) {
        this.cache.failed(record.id, error.message, now());
        return;
      }
      throw error;
    }
    const access = {
      baseUrl: record.baseUrl,
      authorization,
      flavour: record.provider === 'jira-dc' ? 'data-center' : 'cloud',
      accountId: record.accountId,
    } as const;
    const result =
      record.provider === 'asana'
        ? await searchAsanaAssigned(this.http, access, now, REQUEST_TIMEOUT_MS)
        : await searchAssignedIssues(this.http, access, now, REQUEST_TIMEOUT_MS);
    switch (result.kind) {
      case 'tasks':
        this.cache.replace(record.id, result.tasks, now());
        return;
      case 'unauthorized':
        await this.connections.unauthorized(record.id, authorization, result.status);
        this.cache.failed(
          record.id,
          `${record.provider} refused the stored credentials (HTTP ${String(result.status)}): sign in again`,
          now(),
        );
        return;
      case 'ok':
        return;
      case 'not_found':
      case 'throttled':
      case 'server_error':
      case 'rejected':
      case 'transport':
      case 'bad_response':
        this.logger.warn('assigned tasks not refreshed', { connection: record.id, error: result.message });
        this.cache.failed(record.id, result.message, now());
        return;
    }
  }
}
