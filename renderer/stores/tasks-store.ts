import { create } from 'zustand';
import type { AssignedTasksView, EntryDto } from '../../common/dto';
import { call } from '../bridge';
import { loadCall } from './run-call';
import { shiftDay, today } from '../format';

export type AssignedTask = AssignedTasksView['tasks'][number];

interface TasksState {
  readonly assigned: readonly AssignedTask[];
  /** Task reference -> title, for every label in the window. */
  readonly titles: ReadonlyMap<string, string>;
  /** Most recently tracked task references, newest first. */
  readonly recent: readonly string[];
  /** The last refresh errors per connection, in the vendor's words. */
  readonly problems: readonly string[];
  readonly error: string | null;
  readonly load: (refresh?: boolean) => Promise<void>;
}

const RECENT_DAYS = 14;
const RECENT_MAX = 8;

export function recentTaskRefs(entries: readonly EntryDto[], max = RECENT_MAX): string[] {
  const sorted = [...entries].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const seen = new Set<string>();
  for (const entry of sorted) {
    if (seen.size >= max) break;
    seen.add(entry.taskRef);
  }
  return [...seen];
}

/** Assigned Jira/Asana tasks (cached by the core) and the recent tasks, for the picker and the labels. */
export const useTasks = create<TasksState>()((set) => ({
  assigned: [],
  titles: new Map(),
  recent: [],
  problems: [],
  error: null,
  load: (refresh = false) =>
    loadCall(set, async () => {
      const [view, entries] = await Promise.all([
        call('tasks.list', refresh ? { refresh: true } : {}),
        call('entries.list', { from: shiftDay(today(), -RECENT_DAYS), to: today() }),
      ]);
      set({
        assigned: view.tasks,
        titles: new Map(view.tasks.map((task) => [task.taskRef, task.title])),
        recent: recentTaskRefs(entries),
        problems: view.sources.flatMap((source) => (source.error === null ? [] : [source.error])),
        error: null,
      });
    }),
}));
