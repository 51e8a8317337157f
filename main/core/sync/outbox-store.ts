import type { Clock } from '../ports/clock';
import type { Store, TimeEntryRepository } from '../ports/repositories';
import type { OutboxPlanner } from './outbox-planner';

/**
 * The store with every entry change mirrored into the outbox in the same transaction: whatever path changes an
 * entry (timer stop, manual add, edit, split, idle discard, delete), its outbox rows commit with it.
 */
export function withOutbox(store: Store, planner: OutboxPlanner, clock: Clock): Store {
  const entries = store.entries;
  const observed: TimeEntryRepository = {
    running: () => entries.running(),
    get: (id) => entries.get(id),
    checkpoint: (id, at) => {
      entries.checkpoint(id, at);
    },
    intersecting: (from, to, runningEnd) => entries.intersecting(from, to, runningEnd),
    insert: (entry) =>
      store.transaction(() => {
        const inserted = entries.insert(entry);
        planner.changed(inserted, entry.now);
        return inserted;
      }),
    update: (id, patch, now) =>
      store.transaction(() => {
        const updated = entries.update(id, patch, now);
        planner.changed(updated, now);
        return updated;
      }),
    delete: (id) => {
      store.transaction(() => {
        entries.delete(id);
        planner.deleted(id, clock.now());
      });
    },
  };
  return { ...store, entries: observed, transaction: (fn) => store.transaction(fn) };
}
