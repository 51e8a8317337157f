import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRepository, SyncTarget, WorklogPayload } from '../core/ports/sync';
import { openDatabase } from './database';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import { createSyncRepository } from './sync-repository';

let dir: string;
let db: Database.Database;
let outbox: SyncRepository;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clockhand-sync-store-'));
  db = openDatabase(join(dir, 'clockhand.db'));
  outbox = createSyncRepository(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = (object: string, connectionId = 1): SyncTarget => ({ connectionId, provider: 'jira', remoteObject: object });
const payload = (object: string, minutes = 30): WorklogPayload => ({ object, startedAt: 1_000_000, minutes, note: null });

describe('the sync outbox table', () => {
  it('upgrades a file from before the outbox, with a random installation id and no column for secrets', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(
      old,
      migrations.slice(
        0,
        migrations.findIndex((m) => m.name === 'sync outbox'),
      ),
    );
    const before = schemaVersion(old);
    old.close();
    const upgraded = openDatabase(path);
    expect(schemaVersion(upgraded)).toBe(migrations.length);
    expect(before).toBeLessThan(migrations.length);
    const ids = [createSyncRepository(upgraded).installationId(), outbox.installationId()];
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const columns = upgraded
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('sync_items')")
      .all()
      .map((c) => c.name);
    expect(columns.filter((name) => /token|secret|password|authorization/i.test(name))).toEqual([]);
    upgraded.close();
  });

  it('coalesces changes into one row per target, and a change of an item in flight waits for the attempt', () => {
    const first = outbox.upsert(7, target('PROJ-1'), payload('PROJ-1', 30), 10, 10);
    expect(first).toMatchObject({ state: 'pending', op: 'upsert', revision: 1 });
    expect(outbox.upsert(7, target('PROJ-1'), payload('PROJ-1', 30), 11, 11).revision).toBe(1); // same payload: no change
    expect(outbox.upsert(7, target('PROJ-1'), payload('PROJ-1', 45), 12, 12)).toMatchObject({ revision: 2, state: 'pending' });
    expect(outbox.list(10)).toHaveLength(1);

    const flying = outbox.markInFlight(first.id, 13);
    expect(flying).toMatchObject({ state: 'in_flight', attempts: 1, sentRevision: 2 });
    outbox.upsert(7, target('PROJ-1'), payload('PROJ-1', 60), 14, 14);
    expect(outbox.get(first.id)).toMatchObject({ state: 'in_flight', revision: 3 });
    // The attempt sent revision 2: synced, but revision 3 is still to go.
    expect(outbox.finish(first.id, { kind: 'synced', remoteId: '100' }, 15)).toMatchObject({
      state: 'pending',
      remoteId: '100',
      syncedRevision: 2,
    });
    outbox.markInFlight(first.id, 16);
    expect(outbox.finish(first.id, { kind: 'synced', remoteId: '100' }, 17)).toMatchObject({ state: 'done', syncedRevision: 3 });
  });

  it('retires a row that never reached the remote by deleting it, and one that did by turning it into a delete', () => {
    const never = outbox.upsert(1, target('A-1'), payload('A-1'), 1, 1);
    outbox.retire(never.id, 2);
    expect(outbox.get(never.id)).toBeNull();

    const sent = outbox.upsert(2, target('A-2'), payload('A-2'), 1, 1);
    outbox.markInFlight(sent.id, 2);
    outbox.finish(sent.id, { kind: 'synced', remoteId: '55' }, 3);
    outbox.retire(sent.id, 4);
    expect(outbox.get(sent.id)).toMatchObject({ op: 'delete', state: 'pending', remoteId: '55' });

    // A create whose outcome is unknown may exist remotely: it is not forgotten either.
    const unknown = outbox.upsert(3, target('A-3'), payload('A-3'), 1, 1);
    outbox.markInFlight(unknown.id, 2);
    outbox.finish(unknown.id, { kind: 'retry', at: 3, error: 'network: ECONNRESET', outcomeUnknown: true }, 3);
    outbox.retire(unknown.id, 4);
    expect(outbox.get(unknown.id)).toMatchObject({ op: 'delete', outcomeUnknown: true });
  });

  it('hands out due rows oldest first, one at a time per remote object, skipping what waits', () => {
    const a1 = outbox.upsert(1, target('A-1'), payload('A-1'), 1, 1);
    const a2 = outbox.upsert(2, target('A-1'), payload('A-1', 15), 1, 1);
    const b1 = outbox.upsert(3, target('B-1'), payload('B-1'), 1, 50);
    const c1 = outbox.upsert(4, target('C-1', 2), payload('C-1'), 1, 1);
    expect(outbox.due(1, 10, 10).map((i) => i.id)).toEqual([a1.id]);
    expect(outbox.due(1, 60, 10).map((i) => i.id)).toEqual([a1.id, b1.id]);
    outbox.markInFlight(a1.id, 61);
    expect(outbox.due(1, 61, 10).map((i) => i.id)).toEqual([b1.id]);
    outbox.finish(a1.id, { kind: 'synced', remoteId: '1' }, 62);
    expect(outbox.due(1, 62, 10).map((i) => i.id)).toEqual([a2.id, b1.id]);
    expect(outbox.due(2, 62, 10).map((i) => i.id)).toEqual([c1.id]);
    expect(outbox.connectionsWithWork()).toEqual([1, 2]);
  });

  it('after a crash rows in flight are pending again, creates flagged as unknown outcomes', () => {
    const create = outbox.upsert(1, target('A-1'), payload('A-1'), 1, 1);
    const update = outbox.upsert(2, target('A-2'), payload('A-2'), 1, 1);
    outbox.markInFlight(update.id, 2);
    outbox.finish(update.id, { kind: 'synced', remoteId: '9' }, 3);
    outbox.upsert(2, target('A-2'), payload('A-2', 50), 4, 4);
    outbox.markInFlight(create.id, 5);
    outbox.markInFlight(update.id, 5);
    expect(outbox.recoverInFlight(100)).toBe(2);
    expect(outbox.get(create.id)).toMatchObject({ state: 'pending', outcomeUnknown: true, nextAttemptAt: 100 });
    expect(outbox.get(update.id)).toMatchObject({ state: 'pending', outcomeUnknown: false });
  });

  it('pauses a connection for reauth and resumes it; counts every state', () => {
    const a = outbox.upsert(1, target('A-1'), payload('A-1'), 1, 1);
    outbox.upsert(2, target('B-1', 2), payload('B-1'), 1, 1);
    outbox.pauseForReauth(1, 'HTTP 401', 2);
    expect(outbox.get(a.id)).toMatchObject({ state: 'needs_reauth', lastError: 'HTTP 401' });
    expect(outbox.counts()).toEqual({ pending: 1, in_flight: 0, done: 0, needs_attention: 0, needs_reauth: 1 });
    expect(outbox.resumeAfterReauth(1, 3)).toBe(1);
    expect(outbox.counts().pending).toBe(2);
  });

  it('open counts are the counts without the done rows', () => {
    const a = outbox.upsert(1, target('A-1'), payload('A-1'), 1, 1);
    const b = outbox.upsert(1, target('A-2'), payload('A-2'), 1, 1);
    outbox.upsert(1, target('A-3'), payload('A-3'), 1, 1);
    outbox.markInFlight(a.id, 2);
    outbox.finish(a.id, { kind: 'synced', remoteId: '1' }, 3);
    outbox.markInFlight(b.id, 2);
    const { done, ...open } = outbox.counts();
    expect(done).toBe(1);
    expect(outbox.openCounts()).toEqual(open);
    expect(open).toEqual({ pending: 1, in_flight: 1, needs_attention: 0, needs_reauth: 0 });
  });
});
