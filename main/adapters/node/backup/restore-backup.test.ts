import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemorySecretStore } from '../../../../test/fakes/in-memory-secret-store';
import { openDatabase } from '../../../store/database';
import { migrations } from '../../../store/migrations';
import { DATABASE_FILE } from '../data-dir';
import { createBackup, listBackups } from './encrypted-backups';
import { restoreBackup } from './restore-backup';

const root = mkdtempSync(join(tmpdir(), 'clockhand-restore-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('restore validates a backup before it replaces anything', () => {
  const secrets = new InMemorySecretStore();

  it('refuses a backup from a newer Clockhand and one that is not a Clockhand database; the live one is untouched', async () => {
    const dir = join(root, 'a');
    mkdirSync(dir, { recursive: true });
    const live = openDatabase(join(dir, DATABASE_FILE));
    live.close();
    const before = sha(join(dir, DATABASE_FILE));

    const newer = new Database(join(root, 'newer.db'));
    newer.exec(
      'CREATE TABLE time_entries (id INTEGER); CREATE TABLE activity_minutes (x); CREATE TABLE idle_spans (x); CREATE TABLE settings (x);',
    );
    newer.pragma(`user_version = ${String(migrations.length + 1)}`);
    const fromNewer = await createBackup(newer, dir, secrets, 7, Date.UTC(2026, 10, 1, 9));
    newer.close();
    await expect(restoreBackup(dir, fromNewer.id, secrets)).rejects.toThrow(/newer than this Clockhand.*nothing was changed/);

    const foreign = new Database(join(root, 'foreign.db'));
    foreign.exec('CREATE TABLE notes (body TEXT)');
    const fromForeign = await createBackup(foreign, dir, secrets, 7, Date.UTC(2026, 10, 1, 10));
    foreign.close();
    await expect(restoreBackup(dir, fromForeign.id, secrets)).rejects.toThrow(/not a Clockhand database.*nothing was changed/);

    await expect(restoreBackup(dir, fromForeign.id, new InMemorySecretStore())).rejects.toThrow(/no backup key/);
    expect(sha(join(dir, DATABASE_FILE))).toBe(before);
    expect(readdirSync(join(dir, 'backups')).every((name) => name.endsWith('.chbk'))).toBe(true);
    expect(listBackups(dir).map((b) => b.id)).toEqual([fromForeign.id, fromNewer.id]);
  });

  it('restores an older schema and migrates it when it opens', async () => {
    const dir = join(root, 'b');
    const old = new Database(join(root, 'old.db'));
    old.exec(migrations[0]?.sql ?? '');
    old.pragma('user_version = 1');
    old
      .prepare(
        "INSERT INTO time_entries (task_ref, started_at, ended_at, origin, checkpoint_at, created_at, updated_at) VALUES ('local:x', 1, 2, 'manual', 2, 2, 2)",
      )
      .run();
    const made = await createBackup(old, dir, secrets, 7, Date.UTC(2026, 10, 2, 9));
    old.close();
    expect(await restoreBackup(dir, made.id, secrets)).toEqual({ id: made.id, schemaVersion: 1 });
    const db = openDatabase(join(dir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT count(*) AS n FROM time_entries').get()).toEqual({ n: 1 });
    db.close();
  });
});
