import { parseTaskRef } from '../common/task-ref';

export interface GroupTotal {
  readonly label: string;
  readonly seconds: number;
}

const PROVIDERS: Record<string, string> = { jira: 'Jira', asana: 'Asana', local: 'Local tasks' };

/** Task totals summed per provider (Jira, Asana, local), largest first. */
export function totalsByProvider(byTask: readonly { taskRef: string; seconds: number }[]): GroupTotal[] {
  const sums = new Map<string, number>();
  for (const { taskRef, seconds } of byTask) {
    const parsed = parseTaskRef(taskRef);
    const label = parsed.ok ? (PROVIDERS[parsed.ref.provider] ?? parsed.ref.provider) : 'Other';
    sums.set(label, (sums.get(label) ?? 0) + seconds);
  }
  return [...sums].map(([label, seconds]) => ({ label, seconds })).sort((a, b) => b.seconds - a.seconds);
}

/** Task totals summed per project, from the projects the assigned tasks name; others under "No project". */
export function totalsByProject(
  byTask: readonly { taskRef: string; seconds: number }[],
  projects: ReadonlyMap<string, string | null>,
): GroupTotal[] {
  const sums = new Map<string, number>();
  for (const { taskRef, seconds } of byTask) {
    const label = projects.get(taskRef) ?? 'No project';
    sums.set(label, (sums.get(label) ?? 0) + seconds);
  }
  return [...sums].map(([label, seconds]) => ({ label, seconds })).sort((a, b) => b.seconds - a.seconds);
}
