import { parseTaskRef } from '../common/task-ref';

export interface TaskLabel {
  /** What to show first: the title if we know it, else the key or name. */
  readonly title: string;
  /** The key (PROJ-12), the gid or "Local". */
  readonly badge: string;
  readonly provider: 'jira' | 'asana' | 'local' | 'unknown';
}

/** How a task reference reads in the window; titles come from the assigned tasks the core has cached. */
export function taskLabel(taskRef: string, titles: ReadonlyMap<string, string>): TaskLabel {
  const parsed = parseTaskRef(taskRef);
  if (!parsed.ok) return { title: taskRef, badge: '?', provider: 'unknown' };
  const { provider, id } = parsed.ref;
  const title = titles.get(parsed.canonical);
  switch (provider) {
    case 'jira':
      return { title: title ?? id, badge: id, provider };
    case 'asana':
      return { title: title ?? `Asana task ${id}`, badge: 'Asana', provider };
    case 'local':
      return { title: id, badge: 'Local', provider };
  }
}

/**
 * What the picker sends for text typed by the user: a reference as is, a Jira key as a Jira reference, anything else as
 * a local task; always canonical per common/task-ref, and null when the text makes no valid reference.
 */
export function taskRefFromText(text: string): string | null {
  const trimmed = text.trim();
  const candidates = /^(jira|asana|local):/.test(trimmed) ? [trimmed] : [`jira:${trimmed}`, `local:${trimmed}`];
  for (const candidate of candidates) {
    const parsed = parseTaskRef(candidate);
    if (parsed.ok) return parsed.canonical;
  }
  return null;
}

/** A stable hue per task, for the timeline's blocks: FNV-1a, then spread by the golden ratio so similar keys differ. */
export function taskHue(taskRef: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < taskRef.length; i += 1) hash = Math.imul(hash ^ taskRef.charCodeAt(i), 0x01000193);
  return Math.floor((((hash >>> 0) * 0.618_033_988_75) % 1) * 360);
}
