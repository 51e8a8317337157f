import type { Store } from '../ports/repositories';

/**
 * Removes the span [start, end) from every entry it touches: entries inside it are deleted, entries around it are
 * split, entries at its edges are trimmed. A running entry stays running after the span. Call inside a transaction.
 */
export function removeSpanFromEntries(store: Store, start: number, end: number, now: number): void {
  for (const entry of store.entries.intersecting(start, end, now)) {
    const entryEnd = entry.endedAt ?? Number.POSITIVE_INFINITY;
    const startsInside = entry.startedAt >= start;
    const endsInside = entryEnd <= end;
    if (startsInside && endsInside) {
      store.entries.delete(entry.id);
    } else if (!startsInside && !endsInside) {
      store.entries.update(entry.id, { endedAt: start }, now);
      store.entries.insert({
        taskRef: entry.taskRef,
        startedAt: end,
        endedAt: entry.endedAt,
        note: entry.note,
        origin: entry.origin,
        now,
      });
    } else if (!startsInside) {
      store.entries.update(entry.id, { endedAt: start }, now);
    } else {
      store.entries.update(entry.id, { startedAt: end }, now);
    }
  }
}
