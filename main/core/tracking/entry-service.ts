import { DomainError } from '../errors';
import type { Store, TimeEntryPatch, TimeEntryRecord } from '../ports/repositories';
import { checkFinishedSpan, checkNoOverlap, checkRunningStart } from './entry-rules';

export interface EntryEdit {
  readonly taskRef?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly note?: string | null;
}

/** Manual entries: add, edit, split, delete. Every change is validated before anything is written. */
export class EntryService {
  constructor(private readonly store: Store) {}

  add(taskRef: string, startedAt: number, endedAt: number, note: string | null, now: number): TimeEntryRecord {
    return this.store.transaction(() => {
      checkFinishedSpan(startedAt, endedAt, now);
      checkNoOverlap(this.store, startedAt, endedAt, now, []);
      return this.store.entries.insert({ taskRef, startedAt, endedAt, note, origin: 'manual', now });
    });
  }

  edit(id: number, edit: EntryEdit, now: number): TimeEntryRecord {
    return this.store.transaction(() => {
      const entry = this.require(id);
      const startedAt = edit.startedAt ?? entry.startedAt;
      if (entry.endedAt === null) {
        if (edit.endedAt !== undefined) {
          throw new DomainError('conflict', `entry #${id} is running: stop the timer instead of setting its end`);
        }
        checkRunningStart(startedAt, now);
        checkNoOverlap(this.store, startedAt, Math.max(now, startedAt + 1), now, [id]);
      } else {
        const endedAt = edit.endedAt ?? entry.endedAt;
        checkFinishedSpan(startedAt, endedAt, now);
        checkNoOverlap(this.store, startedAt, endedAt, now, [id]);
      }
      const patch: TimeEntryPatch = {
        ...(edit.taskRef !== undefined && { taskRef: edit.taskRef }),
        ...(edit.startedAt !== undefined && { startedAt: edit.startedAt }),
        ...(edit.endedAt !== undefined && { endedAt: edit.endedAt }),
        ...(edit.note !== undefined && { note: edit.note }),
      };
      return this.store.entries.update(id, patch, now);
    });
  }

  /** Splits an entry at `at` into two; a running entry's second part keeps running. */
  split(id: number, at: number, now: number): [TimeEntryRecord, TimeEntryRecord] {
    return this.store.transaction(() => {
      const entry = this.require(id);
      const end = entry.endedAt ?? now;
      if (!(at > entry.startedAt && at < end)) {
        throw new DomainError('invalid_input', `the split time must fall inside entry #${id}`);
      }
      const first = this.store.entries.update(id, { endedAt: at }, now);
      const second = this.store.entries.insert({
        taskRef: entry.taskRef,
        startedAt: at,
        endedAt: entry.endedAt,
        note: entry.note,
        origin: entry.origin,
        now,
      });
      return [first, second];
    });
  }

  delete(id: number): void {
    this.store.transaction(() => {
      this.require(id);
      this.store.entries.delete(id);
    });
  }

  private require(id: number): TimeEntryRecord {
    const entry = this.store.entries.get(id);
    if (!entry) throw new DomainError('not_found', `there is no entry #${id}`);
    return entry;
  }
}
