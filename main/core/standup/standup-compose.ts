import type { AssignedTask } from '../ports/assigned-tasks';
import type { TimeEntryRecord } from '../ports/repositories';
import type { PlannedItem, StandupContent, WorkedItem } from '../ports/standups';

/** Statuses that mean "being worked on" (Jira's In Progress, In Review, Doing ...). */
const IN_PROGRESS = /progress|doing|review|started|active/i;

export interface ComposeInput {
  /** The previous working day's [start, end) and its name, or null. */
  readonly worked: { readonly day: string; readonly start: number; readonly end: number } | null;
  /** Entries intersecting that day (clipped here). */
  readonly entries: readonly TimeEntryRecord[];
  readonly assigned: readonly AssignedTask[];
  readonly running: TimeEntryRecord | null;
  readonly now: number;
}

/**
 * Yesterday: the previous working day's time grouped by task, longest first, with titles from the assigned-task
 * cache. Today: the assigned tasks in progress, and the running timer's task first.
 */
export function composeStandup(input: ComposeInput): StandupContent {
  const titles = new Map(input.assigned.map((task) => [task.taskRef, task.title]));
  const yesterday: WorkedItem[] = [];
  if (input.worked !== null) {
    const { start, end } = input.worked;
    const seconds = new Map<string, number>();
    for (const entry of input.entries) {
      const from = Math.max(entry.startedAt, start);
      const to = Math.min(entry.endedAt ?? input.now, end);
      if (to <= from) continue;
      seconds.set(entry.taskRef, (seconds.get(entry.taskRef) ?? 0) + (to - from) / 1000);
    }
    for (const [taskRef, total] of seconds) {
      const minutes = Math.round(total / 60);
      if (minutes < 1) continue;
      yesterday.push({ taskRef, title: titles.get(taskRef) ?? null, minutes });
    }
    yesterday.sort((a, b) => b.minutes - a.minutes || a.taskRef.localeCompare(b.taskRef));
  }
  const today: PlannedItem[] = [];
  if (input.running !== null) {
    today.push({ taskRef: input.running.taskRef, title: titles.get(input.running.taskRef) ?? null, running: true });
  }
  for (const task of input.assigned) {
    if (task.status === null || !IN_PROGRESS.test(task.status)) continue;
    if (today.some((item) => item.taskRef === task.taskRef)) continue;
    today.push({ taskRef: task.taskRef, title: task.title, running: false });
  }
  return { workedDay: input.worked?.day ?? null, yesterday, today };
}

/** 95 -> "1h 35m", 45 -> "45m". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${String(rest)}m`;
  return rest === 0 ? `${String(hours)}h` : `${String(hours)}h ${String(rest)}m`;
}

/**
 * How a task reads in a standup: jira:KEY-1 -> KEY-1, local:Planning -> Planning (the name is all there is);
 * asana:<gid> keeps its prefix (a bare number would mean nothing; its title follows when it is known).
 */
export function displayRef(taskRef: string): string {
  if (taskRef.startsWith('jira:')) return taskRef.slice('jira:'.length);
  if (taskRef.startsWith('local:')) return taskRef.slice('local:'.length);
  return taskRef;
}
