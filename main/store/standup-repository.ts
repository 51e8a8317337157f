import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { StandupContent, StandupEdits, StandupRecord, StandupRepository, StandupState, StandupTarget } from '../core/ports/standups';

interface Row {
  id: number;
  day: string;
  content: string;
  edit_yesterday: string | null;
  edit_today: string | null;
  edit_blockers: string | null;
  state: string;
  connection_id: number | null;
  target: string | null;
  revision: number;
  posted_revision: number;
  sent_revision: number | null;
  outcome_unknown: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  remote_id: string | null;
  remote_channel: string | null;
  offered_at: number | null;
  queued_at: number | null;
  posted_at: number | null;
  created_at: number;
  updated_at: number;
}

const contentSchema = z.object({
  workedDay: z.string().nullable(),
  yesterday: z.array(z.object({ taskRef: z.string(), title: z.string().nullable(), minutes: z.number().int().nonnegative() })),
  today: z.array(z.object({ taskRef: z.string(), title: z.string().nullable(), running: z.boolean() })),
});
const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slack'), channel: z.string().min(1) }),
  z.object({ kind: z.literal('teams-graph'), teamId: z.string().min(1), channelId: z.string().min(1) }),
  z.object({ kind: z.literal('teams-webhook') }),
]);
export const STANDUP_STATES = [
  'draft',
  'pending',
  'in_flight',
  'posted',
  'needs_attention',
  'needs_reauth',
] as const satisfies readonly StandupState[];

function pickState(value: string): StandupState {
  const found = STANDUP_STATES.find((state) => state === value);
  if (found === undefined) throw new Error(`corrupt standup: state ${value}`);
  return found;
}

function toRecord(row: Row): StandupRecord {
  return {
    id: row.id,
    day: row.day,
    content: contentSchema.parse(JSON.parse(row.content)),
    edits: { yesterday: row.edit_yesterday, today: row.edit_today, blockers: row.edit_blockers },
    state: pickState(row.state),
    connectionId: row.connection_id,
    target: row.target === null ? null : targetSchema.parse(JSON.parse(row.target)),
    revision: row.revision,
    postedRevision: row.posted_revision,
    sentRevision: row.sent_revision,
    outcomeUnknown: row.outcome_unknown === 1,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    remoteId: row.remote_id,
    remoteChannel: row.remote_channel,
    offeredAt: row.offered_at,
    queuedAt: row.queued_at,
    postedAt: row.posted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Vendor messages can be long; the column holds 1000 characters. */
function clip(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

export function createStandupRepository(db: Database.Database): StandupRepository {
  const byId = db.prepare<[number], Row>('SELECT * FROM standups WHERE id = ?');
  const byDay = db.prepare<[string], Row>('SELECT * FROM standups WHERE day = ?');
  const insert = db.prepare<[string, string, number, number], Row>(
    `INSERT INTO standups (day, content, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?) RETURNING *`,
  );
  // Only a standup the remote has never seen is recomposed: a posted one keeps the content it was posted with.
  const recompose = db.prepare<[string, number, number], Row>(
    `UPDATE standups SET content = ?, revision = revision + 1, updated_at = ?
     WHERE id = ? AND posted_revision = 0 AND state IN ('draft', 'needs_attention') RETURNING *`,
  );
  const offered = db.prepare<[number, number, number], Row>(
    'UPDATE standups SET offered_at = coalesce(offered_at, ?), updated_at = ? WHERE id = ? RETURNING *',
  );
  const edit = db.prepare<
    { id: number; yesterday: string | null; today: string | null; blockers: string | null; requeue: number; now: number },
    Row
  >(
    `UPDATE standups SET edit_yesterday = @yesterday, edit_today = @today, edit_blockers = @blockers,
       revision = revision + 1,
       state = CASE WHEN @requeue = 1 AND state = 'posted' THEN 'pending' ELSE state END,
       next_attempt_at = CASE WHEN @requeue = 1 AND state = 'posted' THEN @now ELSE next_attempt_at END,
       attempts = CASE WHEN @requeue = 1 AND state = 'posted' THEN 0 ELSE attempts END,
       updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const queue = db.prepare<{ id: number; connectionId: number; target: string; now: number }, Row>(
    `UPDATE standups SET state = 'pending', connection_id = @connectionId, target = @target, attempts = 0,
       last_error = NULL, next_attempt_at = @now, queued_at = coalesce(queued_at, @now), updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const due = db.prepare<[number, number], Row>(
    `SELECT * FROM standups WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const inFlight = db.prepare<[number, number], Row>(
    `UPDATE standups SET state = 'in_flight', attempts = attempts + 1, sent_revision = revision, updated_at = ?
     WHERE id = ? AND state = 'pending' RETURNING *`,
  );
  const resending = db.prepare<[number, number]>('UPDATE standups SET outcome_unknown = 0, updated_at = ? WHERE id = ?');
  // Posted: an edit made while the attempt was in flight leaves it pending (the next attempt updates the message).
  const posted = db.prepare<{ id: number; revision: number; remoteId: string | null; remoteChannel: string | null; now: number }, Row>(
    `UPDATE standups SET
       remote_id = coalesce(@remoteId, remote_id), remote_channel = coalesce(@remoteChannel, remote_channel),
       posted_revision = @revision, outcome_unknown = 0, attempts = 0, last_error = NULL,
       posted_at = coalesce(posted_at, @now),
       state = CASE WHEN revision = @revision THEN 'posted' ELSE 'pending' END,
       next_attempt_at = @now, updated_at = @now
     WHERE id = @id RETURNING *`,
  );
  const retryLater = db.prepare<{ id: number; at: number; error: string; unknown: number; now: number }, Row>(
    `UPDATE standups SET state = 'pending', next_attempt_at = @at, last_error = @error, outcome_unknown = @unknown,
       updated_at = @now WHERE id = @id RETURNING *`,
  );
  const attention = db.prepare<{ id: number; error: string; forget: number; now: number }, Row>(
    `UPDATE standups SET state = 'needs_attention', last_error = @error, updated_at = @now,
       remote_id = CASE WHEN @forget = 1 THEN NULL ELSE remote_id END,
       remote_channel = CASE WHEN @forget = 1 THEN NULL ELSE remote_channel END,
       posted_revision = CASE WHEN @forget = 1 THEN 0 ELSE posted_revision END,
       outcome_unknown = CASE WHEN @forget = 1 THEN 0 ELSE outcome_unknown END
     WHERE id = @id RETURNING *`,
  );
  const reauth = db.prepare<{ id: number; error: string; now: number }, Row>(
    `UPDATE standups SET state = 'needs_reauth', last_error = @error, updated_at = @now WHERE id = @id RETURNING *`,
  );
  const recover = db.prepare<[number, number]>(
    `UPDATE standups SET state = 'pending', next_attempt_at = ?, updated_at = ?,
       outcome_unknown = CASE WHEN posted_revision = 0 THEN 1 ELSE outcome_unknown END
     WHERE state = 'in_flight'`,
  );
  const resume = db.prepare<[number, number, number]>(
    `UPDATE standups SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE connection_id = ? AND state = 'needs_reauth'`,
  );
  const history = db.prepare<[number], Row>(`SELECT * FROM standups WHERE queued_at IS NOT NULL ORDER BY day DESC LIMIT ?`);

  const required = (row: Row | undefined, id: number): StandupRecord => {
    if (row === undefined) throw new Error(`standup #${String(id)} vanished`);
    return toRecord(row);
  };
  const contentText = (content: StandupContent): string => JSON.stringify(contentSchema.parse(content));
  const targetText = (target: StandupTarget): string => JSON.stringify(targetSchema.parse(target));

  return {
    byDay: (day) => {
      const row = byDay.get(day);
      return row === undefined ? null : toRecord(row);
    },
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? null : toRecord(row);
    },
    saveDraft: (day, content, now) => {
      const text = contentText(content);
      const existing = byDay.get(day);
      if (existing === undefined) return required(insert.get(day, text, now, now), 0);
      if (existing.content === text) return toRecord(existing);
      return toRecord(recompose.get(text, now, existing.id) ?? existing);
    },
    markOffered: (id, now) => required(offered.get(now, now, id), id),
    edit: (id, edits: StandupEdits, requeue, now) =>
      required(
        edit.get({ id, yesterday: edits.yesterday, today: edits.today, blockers: edits.blockers, requeue: requeue ? 1 : 0, now }),
        id,
      ),
    queue: (id, connectionId, target, now) => required(queue.get({ id, connectionId, target: targetText(target), now }), id),
    due: (now, limit) => due.all(now, limit).map(toRecord),
    markInFlight: (id, now) => required(inFlight.get(now, id), id),
    markResending: (id, now) => {
      resending.run(now, id);
    },
    finish: (id, outcome, now) => {
      switch (outcome.kind) {
        case 'posted':
          return required(
            posted.get({ id, revision: outcome.revision, remoteId: outcome.remoteId, remoteChannel: outcome.remoteChannel, now }),
            id,
          );
        case 'retry':
          return required(
            retryLater.get({ id, at: outcome.at, error: clip(outcome.error), unknown: outcome.outcomeUnknown ? 1 : 0, now }),
            id,
          );
        case 'needs_attention':
          return required(attention.get({ id, error: clip(outcome.error), forget: outcome.forgetRemote === true ? 1 : 0, now }), id);
        case 'needs_reauth':
          return required(reauth.get({ id, error: clip(outcome.error), now }), id);
      }
    },
    recoverInFlight: (now) => recover.run(now, now).changes,
    resumeAfterReauth: (connectionId, now) => resume.run(now, now, connectionId).changes,
    history: (limit) => history.all(limit).map(toRecord),
  };
}
