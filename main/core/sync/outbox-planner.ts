import { parseTaskRef } from '../../../common/task-ref';
import type { ConnectionRecord, ConnectionRepository } from '../ports/connections';
import type { TimeEntryRecord } from '../ports/repositories';
import type { SyncProvider, SyncRepository, SyncTarget, WorklogPayload } from '../ports/sync';
import { worklogMinutes, type RoundingMinutes } from './worklog-rules';

export interface PlannerSettings {
  readonly rounding: RoundingMinutes;
  /** `integrations.jira.mode`: tempo sends Jira issues' time to the Tempo connection of the Jira site. */
  readonly jiraMode: 'jira' | 'tempo';
  /** When a change may first be sent (now for on-stop; the next daily time for daily posting). */
  readonly notBefore: (now: number) => number;
}

/**
 * Turns entry changes into outbox rows. Called by the outbox store inside the transaction of the change itself, so
 * an entry and its rows commit (or roll back) together.
 */
export class OutboxPlanner {
  constructor(
    private readonly outbox: SyncRepository,
    private readonly connections: ConnectionRepository,
    private readonly settings: () => PlannerSettings,
  ) {}

  /** The entry as it is now (finished entries only are posted; a running one waits for its stop). */
  changed(entry: TimeEntryRecord, now: number): void {
    if (entry.endedAt === null) {
      this.retireAll(entry.id, now, []);
      return;
    }
    const settings = this.settings();
    const target = this.targetOf(entry.taskRef, settings.jiraMode);
    const keep: SyncTarget[] = [];
    if (target !== null) {
      const payload: WorklogPayload = {
        object: target.remoteObject,
        startedAt: entry.startedAt,
        minutes: worklogMinutes(entry.startedAt, entry.endedAt, settings.rounding),
        note: entry.note,
      };
      this.outbox.upsert(entry.id, target, payload, now, settings.notBefore(now));
      keep.push(target);
    }
    this.retireAll(entry.id, now, keep);
  }

  deleted(entryId: number, now: number): void {
    this.retireAll(entryId, now, []);
  }

  private retireAll(entryId: number, now: number, keep: readonly SyncTarget[]): void {
    for (const item of this.outbox.forEntry(entryId)) {
      const kept = keep.some((t) => t.connectionId === item.connectionId && t.remoteObject === item.remoteObject);
      if (!kept) this.outbox.retire(item.id, now);
    }
  }

  /** jira:KEY goes to the first Jira connection (Cloud or Data Center); local tasks go nowhere. */
  private targetOf(taskRef: string, jiraMode: PlannerSettings['jiraMode']): SyncTarget | null {
    const parsed = parseTaskRef(taskRef);
    if (!parsed.ok) return null;
    const { provider, id } = parsed.ref;
    switch (provider) {
      case 'jira': {
        // Tempo mode: the Tempo connection linked to the Jira site takes the worklogs of that site's issues.
        const connections = this.connections.list();
        const jira = firstOf(connections, ['jira', 'jira-dc']);
        if (jiraMode === 'jira' || jira === null) return targetOn(jira, id);
        return targetOn(connections.find((c) => c.provider === 'tempo' && c.site === jira.site) ?? null, id);
      }
      case 'asana':
        return targetOn(firstOf(this.connections.list(), ['asana']), id);
      case 'local':
        return null;
    }
  }
}

const SYNC_PROVIDERS: readonly SyncProvider[] = ['jira', 'jira-dc', 'tempo', 'asana'];

function targetOn(connection: ConnectionRecord | null, remoteObject: string): SyncTarget | null {
  const provider = SYNC_PROVIDERS.find((p) => p === connection?.provider);
  return connection === null || provider === undefined ? null : { connectionId: connection.id, provider, remoteObject };
}

function firstOf(connections: readonly ConnectionRecord[], providers: readonly string[]): ConnectionRecord | null {
  return connections.filter((c) => providers.includes(c.provider)).sort((a, b) => a.id - b.id)[0] ?? null;
}
