import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemorySecretStore } from '../../../../test/fakes/in-memory-secret-store';
import { silentLogger } from '../../../core/ports/logger';
import { openDatabase } from '../../../store/database';
import { migrations } from '../../../store/migrations';
import { DATABASE_FILE } from '../data-dir';
import { CHUNK_BYTES } from './backup-file-crypto';
import { BACKUP_KEY_ACCOUNT } from './backup-key';
import { backupPath, createBackup, createEncryptedBackups, listBackups } from './encrypted-backups';
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

  it('restores a backup written by Clockhand before backups streamed (committed v1 file)', async () => {
    // v1-20261127-090000.chbk: the one-shot sealBackup of commit 6cafe70 over a schema-1 database (page size 512) with
    // one entry, under the key of 32 bytes 0x07 (backup-file-crypto.test.ts checks the bytes it decrypts to).
    const dir = join(root, 'v1');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    copyFileSync(join(import.meta.dirname, 'v1-20261127-090000.chbk'), backupPath(dir, '20261127-090000'));
    const v1Secrets = new InMemorySecretStore();
    await v1Secrets.set(BACKUP_KEY_ACCOUNT, Buffer.alloc(32, 7).toString('base64'));
    expect(await restoreBackup(dir, '20261127-090000', v1Secrets)).toEqual({ id: '20261127-090000', schemaVersion: 1 });
    const db = openDatabase(join(dir, DATABASE_FILE));
    expect(db.prepare('SELECT task_ref, note FROM time_entries').all()).toEqual([
      { task_ref: 'local:fixture', note: 'written by the v1 sealBackup' },
    ]);
    db.close();
    expect(readdirSync(join(dir, 'backups'))).toEqual(['20261127-090000.chbk']);
  });

  it('a backup altered or cut off after its first chunks is refused whole: the live database and the folder are untouched', async () => {
    const dir = join(root, 'tampered');
    mkdirSync(dir, { recursive: true });
    const live = openDatabase(join(dir, DATABASE_FILE));
    const insert = live.prepare(
      "INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at) VALUES ('local:x', ?, ?, ?, 'manual', ?, ?, ?)",
    );
    live.transaction(() => {
      for (let n = 0; n < 5_000; n += 1) insert.run(n, n + 1, `entry ${String(n)} with a note of some length`, n + 1, n + 1, n + 1);
    })();
    const made = await createBackup(live, dir, secrets, 7, Date.UTC(2026, 10, 3, 9));
    live.prepare('DELETE FROM time_entries WHERE rowid % 2 = 0').run();
    live.close();
    const before = sha(join(dir, DATABASE_FILE));
    const path = backupPath(dir, made.id);
    const good = readFileSync(path);
    // Many chunks decrypt (and are written to a temp file) before the tag check fails at the end.
    expect(good.length).toBeGreaterThan(CHUNK_BYTES * 8);
    const altered = Buffer.from(good);
    altered[good.length - 20] = (altered[good.length - 20] ?? 0) ^ 0x01;
    for (const [what, bytes] of [
      ['altered', altered],
      ['cut off', good.subarray(0, good.length - 5_000)],
    ] as const) {
      writeFileSync(path, bytes);
      await expect(restoreBackup(dir, made.id, secrets), what).rejects.toThrow(/failed authentication.*nothing was changed/);
      expect(sha(join(dir, DATABASE_FILE)), what).toBe(before);
      expect(readdirSync(join(dir, 'backups')), what).toEqual([`${made.id}.chbk`]);
    }
    writeFileSync(path, good);
    await restoreBackup(dir, made.id, secrets);
    const db = openDatabase(join(dir, DATABASE_FILE));
    expect(db.prepare('SELECT count(*) AS n FROM time_entries').get()).toEqual({ n: 5_000 });
    db.close();
  });

  it('the next backup sweeps what a crash left (plaintext work files, half-written temp files); neither counts as a backup', async () => {
    const dir = join(root, 'crashed');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    writeFileSync(join(dir, 'backups', '.20261104-090000.chbk.0a1b2c3d4e5f.partial'), 'half a backup');
    writeFileSync(join(dir, 'backups', '..work-0011223344556677.db.0a1b2c3d4e5f.partial'), 'half a restore');
    writeFileSync(join(dir, 'backups', '.work-0011223344556677.db'), 'a plaintext work file');
    expect(listBackups(dir)).toEqual([]);
    const db = openDatabase(join(dir, DATABASE_FILE));
    const made = await createBackup(db, dir, secrets, 7, Date.UTC(2026, 10, 4, 9));
    db.close();
    expect(readdirSync(join(dir, 'backups'))).toEqual([`${made.id}.chbk`]);
  });

  it('the agent or app starting sweeps a killed restore’s plaintext, and keeps the backups', async () => {
    const dir = join(root, 'killed-restore');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    const db = openDatabase(join(dir, DATABASE_FILE));
    const made = await createBackup(db, dir, secrets, 7, Date.UTC(2026, 10, 4, 9));
    writeFileSync(join(dir, 'backups', '..work-8899aabbccddeeff.db.0a1b2c3d4e5f.partial'), 'unauthenticated plaintext');
    writeFileSync(join(dir, 'backups', '.work-8899aabbccddeeff.db'), 'a plaintext work file');
    createEncryptedBackups(db, dir, secrets, silentLogger, () => Date.UTC(2026, 10, 4, 10));
    db.close();
    expect(readdirSync(join(dir, 'backups'))).toEqual([`${made.id}.chbk`]);
  });
});
