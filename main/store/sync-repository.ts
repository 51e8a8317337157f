import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { OpenSyncState, SyncItemRecord, SyncOp, SyncProvider, SyncRepository, SyncState, WorklogPayload } from '../core/ports/sync';

interface Row {
  id: number;
  entry_id: number;
  connection_id: number;
  provider: string;
  remote_object: string;
  op: string;
  payload: string;
  revision: number;
  synced_revision: number;
  sent_payload: string | null;
  sent_revision: number | null;
  state: string;
  outcome_unknown: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  remote_id: string | null;
  created_at: number;
  updated_at: number;
}

const payloadSchema = z.object({
  object: z.string().min(1),
  startedAt: z.number().int(),
  minutes: z.number().int().min(1),
  note: z.string().nullable(),
});
const providers = ['jira', 'jira-dc', 'tempo', 'asana'] as const satisfies readonly SyncProvider[];
const ops = ['upsert', 'delete'] as const satisfies readonly SyncOp[];
export const SYNC_STATES = ['pending', 'in_flight', 'done', 'needs_attention', 'needs_reauth'] as const satisfies readonly SyncState[];
const OPEN_SYNC_STATES = ['pending', 'in_flight', 'needs_attention', 'needs_reauth'] as const satisfies readonly OpenSyncState[];

function pick<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`corrupt sync item: ${what} ${value}`);
  return found;
}

function parsePayload(text: string): WorklogPayload {
  return payloadSchema.parse(JSON.parse(text));
}

function toRecord(row: Row): SyncItemRecord {
  return {
    id: row.id,
    entryId: row.entry_id,
    connectionId: row.connection_id,
    provider: pick(row.provider, providers, 'provider'),
    remoteObject: row.remote_object,
    op: pick(row.op, ops, 'op'),
    payload: parsePayload(row.payload),
    revision: row.revision,
    syncedRevision: row.synced_revision,
    sentPayload: row.sent_payload === null ? null : parsePayload(row.sent_payload),
    sentRevision: row.sent_revision,
    state: pick(row.state, SYNC_STATES, 'state'),
    outcomeUnknown: row.outcome_unknown === 1,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    remoteId: row.remote_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Vendor messages can be long; the column holds 1000 characters. */
function clip(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

export function createSyncRepository(db: Database.Database): SyncRepository {
  const installation = db.prepare<[], { id: string }>('SELECT id FROM installation LIMIT 1');
  const byId = db.prepare<[number], Row>('SELECT * FROM sync_items WHERE id = ?');
  const byEntry = db.prepare<[number], Row>('SELECT * FROM sync_items WHERE entry_id = ? ORDER BY id');
  const byTarget = db.prepare<[number, number, string], Row>(
    'SELECT * FROM sync_items WHERE entry_id = ? AND connection_id = ? AND remote_object = ?',
  );
  const insert = db.prepare<[number, number, string, string, string, number, number, number], Row>(
    `INSERT INTO sync_items (entry_id, connection_id, provider, remote_object, op, payload, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'upsert', ?, 'pending', ?, ?, ?) RETURNING *`,
  );
  // A change coalesces into the row: it is pending again (a row in flight stays in flight: the worker sees the new
  // revision when the attempt ends; a paused connection stays paused).
  const coalesce = db.prepare<{ id: number; op: string; payload: string; notBefore: number; now: number }, Row>(
    `UPDATE sync_items SET
       op = @op, payload = @payload, revision = revision + 1,
       attempts = CASE WHEN state IN ('done', 'needs_attention') THEN 0 ELSE attempts END,
       last_error = CASE WHEN state IN ('done', 'needs_attention') THEN NULL ELSE last_error END,
       next_attempt_at = CASE WHEN state = 'pending' THEN max(next_attempt_at, @notBefore) ELSE @notBefore END,
       state = CASE WHEN state IN ('in_flight', 'needs_reauth') THEN state ELSE 'pending' END,
       updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const remove = db.prepare<[number]>('DELETE FROM sync_items WHERE id = ?');
  const due = db.prepare<[number, number, number], Row>(
    // Walks the queue in id order and stops at LIMIT: the cost does not grow with the backlog.
    `SELECT * FROM sync_items s INDEXED BY sync_items_queue
     WHERE s.connection_id = ? AND s.state = 'pending' AND s.next_attempt_at <= ?
       AND NOT EXISTS (
         SELECT 1 FROM sync_items o
         WHERE o.connection_id = s.connection_id AND o.remote_object = s.remote_object
           AND ((o.state = 'pending' AND o.id < s.id) OR o.state = 'in_flight'))
     ORDER BY s.id LIMIT ?`,
  );
  // The next connection (in id order) with rows in one state: one index seek, however long the backlog is. The worker
  // asks after every finished request, so a DISTINCT over the whole backlog would cost O(rows) each time.
  const nextWithWork = db.prepare<[string, number], { connection_id: number }>(
    `SELECT connection_id FROM sync_items INDEXED BY sync_items_state
     WHERE state = ? AND connection_id > ? ORDER BY connection_id LIMIT 1`,
  );
  const connectionsIn = (state: SyncState): number[] => {
    const found: number[] = [];
    for (let after = -1; ;) {
      const row = nextWithWork.get(state, after);
      if (row === undefined) return found;
      found.push(row.connection_id);
      after = row.connection_id;
    }
  };
  const nextDue = db.prepare<[number], { at: number | null }>(
    `SELECT min(next_attempt_at) AS at FROM sync_items WHERE connection_id = ? AND state = 'pending'`,
  );
  const inFlight = db.prepare<[number, number], Row>(
    // An unknown outcome keeps the payload it sent: reconciling looks for that one.
    `UPDATE sync_items SET state = 'in_flight', attempts = attempts + 1, sent_revision = revision,
       sent_payload = CASE WHEN outcome_unknown = 1 AND sent_payload IS NOT NULL THEN sent_payload ELSE payload END,
       updated_at = ? WHERE id = ? AND state = 'pending' RETURNING *`,
  );
  const resending = db.prepare<[number, number]>(
    `UPDATE sync_items SET sent_payload = payload, outcome_unknown = 0, updated_at = ? WHERE id = ?`,
  );
  const synced = db.prepare<{ id: number; remoteId: string | null; now: number }, Row>(
    `UPDATE sync_items SET
       remote_id = @remoteId, outcome_unknown = 0, synced_revision = sent_revision, attempts = 0, last_error = NULL,
       state = CASE WHEN revision = sent_revision THEN 'done' ELSE 'pending' END,
       next_attempt_at = @now, updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const retryLater = db.prepare<
    { id: number; at: number; error: string; unknown: number; setRemote: number; remoteId: string | null; now: number },
    Row
  >(
    `UPDATE sync_items SET state = 'pending', next_attempt_at = @at, last_error = @error, outcome_unknown = @unknown,
       remote_id = CASE WHEN @setRemote = 1 THEN @remoteId ELSE remote_id END, updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const attention = db.prepare<{ id: number; error: string; setRemote: number; remoteId: string | null; now: number }, Row>(
    `UPDATE sync_items SET state = 'needs_attention', last_error = @error,
       remote_id = CASE WHEN @setRemote = 1 THEN @remoteId ELSE remote_id END, updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const reauth = db.prepare<{ id: number; error: string; now: number }, Row>(
    `UPDATE sync_items SET state = 'needs_reauth', last_error = @error, updated_at = @now WHERE id = @id RETURNING *`,
  );
  const recover = db.prepare<[number, number]>(
    `UPDATE sync_items SET state = 'pending', next_attempt_at = ?, updated_at = ?,
       outcome_unknown = CASE WHEN remote_id IS NULL THEN 1 ELSE outcome_unknown END
     WHERE state = 'in_flight'`,
  );
  const pause = db.prepare<[string, number, number]>(
    `UPDATE sync_items SET state = 'needs_reauth', last_error = ?, updated_at = ? WHERE connection_id = ? AND state = 'pending'`,
  );
  const resume = db.prepare<[number, number, number]>(
    `UPDATE sync_items SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE connection_id = ? AND state = 'needs_reauth'`,
  );
  const retryNow = db.prepare<[number, number, number], Row>(
    `UPDATE sync_items SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? RETURNING *`,
  );
  // Optionally only the worklogs that start in [from, to): releasing one reviewed day.
  const allDue = db.prepare<[number, number, number, number, number]>(
    `UPDATE sync_items SET next_attempt_at = ?, updated_at = ?
     WHERE state = 'pending' AND next_attempt_at > ?
       AND json_extract(payload, '$.startedAt') >= ? AND json_extract(payload, '$.startedAt') < ?`,
  );
  const countStates = db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM sync_items GROUP BY state');
  const countOpenStates = db.prepare<[], { state: string; n: number }>(
    "SELECT state, count(*) AS n FROM sync_items WHERE state IN ('pending', 'in_flight', 'needs_attention', 'needs_reauth') GROUP BY state",
  );

  const get = (id: number): SyncItemRecord | null => {
    const row = byId.get(id);
    return row === undefined ? null : toRecord(row);
  };
  const required = (row: Row | undefined, id: number): SyncItemRecord => {
    if (row === undefined) throw new Error(`sync item #${String(id)} vanished`);
    return toRecord(row);
  };

  return {
    installationId: () => {
      const row = installation.get();
      if (row === undefined) throw new Error('the installation id is missing from the database');
      return row.id;
    },
    get,
    forEntry: (entryId) => byEntry.all(entryId).map(toRecord),
    upsert: (entryId, target, payload, now, notBefore) => {
      const text = JSON.stringify(payload);
      const existing = byTarget.get(entryId, target.connectionId, target.remoteObject);
      if (existing === undefined) {
        return required(insert.get(entryId, target.connectionId, target.provider, target.remoteObject, text, notBefore, now, now), 0);
      }
      if (existing.op === 'upsert' && existing.payload === text) return toRecord(existing);
      return required(coalesce.get({ id: existing.id, op: 'upsert', payload: text, notBefore, now }), existing.id);
    },
    retire: (id, now) => {
      const row = byId.get(id);
      if (row === undefined || row.op === 'delete') return;
      const neverSent = row.remote_id === null && row.outcome_unknown === 0 && row.state !== 'in_flight';
      if (neverSent) remove.run(id);
      else coalesce.run({ id, op: 'delete', payload: row.payload, notBefore: now, now });
    },
    due: (connectionId, now, limit) => due.all(connectionId, now, limit).map(toRecord),
    connectionsWithWork: () => [...new Set([...connectionsIn('pending'), ...connectionsIn('in_flight')])].sort((a, b) => a - b),
    nextDue: (connectionId) => nextDue.get(connectionId)?.at ?? null,
    markInFlight: (id, now) => required(inFlight.get(now, id), id),
    markResending: (id, now) => {
      resending.run(now, id);
    },
    finish: (id, outcome, now) => {
      switch (outcome.kind) {
        case 'synced':
          return required(synced.get({ id, remoteId: outcome.remoteId, now }), id);
        case 'retry':
          return required(
            retryLater.get({
              id,
              at: outcome.at,
              error: clip(outcome.error),
              unknown: outcome.outcomeUnknown ? 1 : 0,
              setRemote: outcome.remoteId === undefined ? 0 : 1,
              remoteId: outcome.remoteId ?? null,
              now,
            }),
            id,
          );
        case 'needs_attention':
          return required(
            attention.get({
              id,
              error: clip(outcome.error),
              setRemote: outcome.remoteId === undefined ? 0 : 1,
              remoteId: outcome.remoteId ?? null,
              now,
            }),
            id,
          );
        case 'needs_reauth':
          return required(reauth.get({ id, error: clip(outcome.error), now }), id);
      }
    },
    recoverInFlight: (now) => recover.run(now, now).changes,
    pauseForReauth: (connectionId, reason, now) => {
      pause.run(clip(reason), now, connectionId);
    },
    resumeAfterReauth: (connectionId, now) => resume.run(now, now, connectionId).changes,
    retry: (id, now) => required(retryNow.get(now, now, id), id),
    allDueNow: (now, range) =>
      allDue.run(now, now, now, range?.from ?? Number.MIN_SAFE_INTEGER, range?.to ?? Number.MAX_SAFE_INTEGER).changes,
    drop: (id) => {
      remove.run(id);
    },
    list: (limit, states) => {
      const filter = states === undefined || states.length === 0 ? '' : `WHERE state IN (${states.map(() => '?').join(', ')})`;
      return db
        .prepare<unknown[], Row>(`SELECT * FROM sync_items ${filter} ORDER BY id DESC LIMIT ?`)
        .all(...(states ?? []), limit)
        .map(toRecord);
    },
    counts: () => {
      const counts: Record<SyncState, number> = { pending: 0, in_flight: 0, done: 0, needs_attention: 0, needs_reauth: 0 };
      for (const row of countStates.all()) counts[pick(row.state, SYNC_STATES, 'state')] = row.n;
      return counts;
    },
    openCounts: () => {
      const counts: Record<OpenSyncState, number> = { pending: 0, in_flight: 0, needs_attention: 0, needs_reauth: 0 };
      for (const row of countOpenStates.all()) counts[pick(row.state, OPEN_SYNC_STATES, 'state')] = row.n;
      return counts;
    },
  };
}
