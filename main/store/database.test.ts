import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, integrityCheck, openDatabase } from './database';
import { migrate, schemaVersion, SchemaTooNewError, type Migration } from './migrate';
import { migrations } from './migrations';
import { createConnectionRepository } from './connection-repository';
import { createPolicyStateRepository } from './policy-state-repository';
import { createSettingsRepository } from './settings-repository';
import { createSqliteStore } from './sqlite-store';
import { createDayKeyRepository, createScreenshotRepository } from './screenshot-repository';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clockhand-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tables(db: Database.Database): { name: string; strict: number }[] {
  return db
    .prepare<[], { name: string; strict: number }>(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
}

describe('openDatabase', () => {
  it('creates one WAL database file at the latest schema, with STRICT tables and foreign keys on', () => {
    const path = join(dir, 'clockhand.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db)).toEqual([
      { name: 'activity_minutes', strict: 1 },
      { name: 'assigned_task_refreshes', strict: 1 },
      { name: 'assigned_tasks', strict: 1 },
      { name: 'connections', strict: 1 },
      { name: 'consent', strict: 1 },
      { name: 'consent_features', strict: 1 },
      { name: 'idle_spans', strict: 1 },
      { name: 'installation', strict: 1 },
      { name: 'policy_history', strict: 1 },
      { name: 'policy_last_valid', strict: 1 },
      { name: 'screenshot_day_keys', strict: 1 },
      { name: 'screenshot_opt_in', strict: 1 },
      { name: 'screenshots', strict: 1 },
      { name: 'settings', strict: 1 },
      { name: 'standups', strict: 1 },
      { name: 'sync_items', strict: 1 },
      { name: 'time_entries', strict: 1 },
    ]);
    expect(integrityCheck(db)).toBe('ok');
    db.close();
    // Reopening an up-to-date file changes nothing.
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(migrations.length);
    again.close();
  });

  it('names the file in one clear error when it cannot open it', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const path = join(locked, 'clockhand.db');
    const attempt = (): unknown => openDatabase(path);
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: use a path under a regular file instead.
      writeFileSync(join(dir, 'file'), 'x');
      expect(() => openDatabase(join(dir, 'file', 'clockhand.db'))).toThrow(DatabaseOpenError);
      expect(() => openDatabase(join(dir, 'file', 'clockhand.db'))).toThrow(/cannot open the Clockhand database .*file\/clockhand\.db/);
    } else {
      expect(attempt).toThrow(/cannot open the Clockhand database .*locked\/clockhand\.db/);
    }
  });

  it('refuses a database from a newer Clockhand and leaves it untouched', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(path)).toThrow(/schema version 99 .* update Clockhand/);
    const check = new Database(path);
    expect(schemaVersion(check)).toBe(99);
    expect(tables(check)).toEqual([]);
    check.close();
    const mem = new Database(':memory:');
    mem.pragma(`user_version = ${String(migrations.length + 1)}`);
    expect(() => migrate(mem, migrations)).toThrow(SchemaTooNewError);
  });
});

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('a failing migration rolls back completely and keeps the earlier version', () => {
    const db = new Database(join(dir, 'partial.db'));
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x INTEGER) STRICT; SELECT no_such_function();',
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow(/no_such_function/);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db).map((t) => t.name)).not.toContain('half_done');
    db.close();
  });

  it('refuses misnumbered migrations', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'skips', sql: '' }])).toThrow(/expected 1/);
  });
});

describe('migration 001 (initial)', () => {
  it('holds at most one running entry, enforced by the database', () => {
    const db = openDatabase(':memory:');
    const store = createSqliteStore(db);
    store.entries.insert({ taskRef: 'local:a', startedAt: 1_000, endedAt: null, note: null, origin: 'timer', now: 1_000 });
    expect(() =>
      store.entries.insert({ taskRef: 'local:b', startedAt: 2_000, endedAt: null, note: null, origin: 'timer', now: 2_000 }),
    ).toThrow(/UNIQUE/);
    expect(() =>
      store.entries.insert({ taskRef: 'local:c', startedAt: 3_000, endedAt: 4_000, note: null, origin: 'manual', now: 4_000 }),
    ).not.toThrow();
  });

  it('rejects rows that break the rules: end before start, wrong types, out-of-range activity', () => {
    const db = openDatabase(':memory:');
    const insert = (sql: string): unknown => db.prepare(sql).run();
    expect(() =>
      insert(
        "INSERT INTO time_entries (task_ref, started_at, ended_at, origin, checkpoint_at, created_at, updated_at) VALUES ('local:a', 10, 5, 'manual', 0, 0, 0)",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      insert(
        "INSERT INTO time_entries (task_ref, started_at, origin, checkpoint_at, created_at, updated_at) VALUES ('local:a', 'soon', 'manual', 0, 0, 0)",
      ),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      insert(
        "INSERT INTO time_entries (task_ref, started_at, origin, checkpoint_at, created_at, updated_at) VALUES ('local:a', 1, 'guess', 0, 0, 0)",
      ),
    ).toThrow(/CHECK/);
    expect(() => insert('INSERT INTO activity_minutes VALUES (60000, 61, 0, 0)')).toThrow(/CHECK/);
    expect(() => insert('INSERT INTO activity_minutes VALUES (60001, 1, 0, 0)')).toThrow(/CHECK/);
    expect(() =>
      insert("INSERT INTO idle_spans (started_at, ended_at, reason, state, created_at) VALUES (0, 10, 'inactivity', 'reassigned', 0)"),
    ).toThrow(/CHECK/);
    expect(() => insert("INSERT INTO settings VALUES ('k', 'not json', 0)")).toThrow(/CHECK/);
  });

  it('stores activity minute buckets capped at 60 seconds', () => {
    const store = createSqliteStore(openDatabase(':memory:'));
    const minute = 1_700_000_040_000;
    for (let s = 0; s < 70; s += 1) store.activity.addSecond(minute + (s % 60) * 1000, s % 2 === 0, s % 3 === 0);
    expect(store.activity.between(minute, minute + 60_000)).toEqual([
      { minuteStart: minute, activeSeconds: 60, keyboardSeconds: 35, mouseSeconds: 24 },
    ]);
    expect(store.activity.activeSecondsBetween(minute + 30_000, minute + 60_000)).toBe(60);
  });

  it('keeps settings as JSON values', () => {
    const settings = createSettingsRepository(openDatabase(':memory:'));
    expect(settings.get('activity.idleMinutes')).toBeUndefined();
    settings.set('activity.idleMinutes', 7, 1);
    settings.set('activity.idleMinutes', 8, 2);
    settings.set('x', { nested: [1, 'two'] }, 3);
    expect(settings.all()).toEqual({ 'activity.idleMinutes': 8, x: { nested: [1, 'two'] } });
    settings.delete('x');
    expect(settings.get('x')).toBeUndefined();
  });
});

describe('migration 002 (policy)', () => {
  it('upgrades a version-1 database in place, keeping its data', () => {
    const path = join(dir, 'v1.db');
    const v1 = new Database(path);
    migrate(v1, migrations.slice(0, 1));
    expect(schemaVersion(v1)).toBe(1);
    createSqliteStore(v1).entries.insert({
      taskRef: 'local:old',
      startedAt: 1_000,
      endedAt: 2_000,
      note: null,
      origin: 'manual',
      now: 2_000,
    });
    createSettingsRepository(v1).set('activity.idleMinutes', 7, 2_000);
    v1.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(createSqliteStore(db).entries.get(1)).toMatchObject({ taskRef: 'local:old' });
    expect(createSettingsRepository(db).get('activity.idleMinutes')).toBe(7);
    const policy = createPolicyStateRepository(db);
    expect(policy.lastValid('machine')).toBeNull();
    policy.saveLastValid('machine', '{"version":1}', 5);
    policy.saveLastValid('machine', '{"version":1,"activity":{"idleMinutes":3}}', 6);
    expect(policy.lastValid('machine')).toEqual({ text: '{"version":1,"activity":{"idleMinutes":3}}', appliedAt: 6 });
    policy.appendHistory({ at: 6, scope: 'machine', key: 'activity.idleMinutes', sentence: 'Your organization set it to 3.' });
    policy.appendHistory({ at: 7, scope: 'user-policy', key: 'standup.enabled', sentence: 'Your organization turned on daily standups.' });
    expect(policy.history(10).map((c) => c.at)).toEqual([7, 6]);
    policy.clearLastValid('machine');
    expect(policy.lastValid('machine')).toBeNull();
    expect(() => db.prepare("INSERT INTO policy_last_valid VALUES ('machine', 'not json', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO policy_history (at, scope, key, sentence) VALUES (1, 'laptop', 'k', 's')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 003 (connections)', () => {
  it('adds connections without any column that could hold a secret, and upgrades a version-2 file', () => {
    const path = join(dir, 'v2.db');
    const v2 = new Database(path);
    migrate(v2, migrations.slice(0, 2));
    createPolicyStateRepository(v2).saveLastValid('machine', '{"version":1}', 1);
    v2.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(createPolicyStateRepository(db).lastValid('machine')?.text).toBe('{"version":1}');
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('connections')")
      .all()
      .map((c) => c.name);
    expect(columns.filter((name) => /token|secret|password|key/i.test(name))).toEqual([]);
    const repository = createConnectionRepository(db);
    const added = repository.insert({
      provider: 'jira',
      auth: 'api-token',
      site: 'https://acme.atlassian.net',
      baseUrl: 'https://acme.atlassian.net',
      login: 'ada@example.com',
      accountId: '557058:abc',
      accountName: 'Ada',
      state: 'ok',
      stateReason: null,
      createdAt: 1,
      checkedAt: 1,
    });
    expect(repository.setState(added.id, 'needs_reauth', 'HTTP 401', 2)).toMatchObject({
      state: 'needs_reauth',
      stateReason: 'HTTP 401',
      checkedAt: 2,
    });
    expect(repository.list()).toHaveLength(1);
    repository.delete(added.id);
    expect(repository.get(added.id)).toBeNull();
    expect(() =>
      db
        .prepare(
          "INSERT INTO connections (provider, auth, site, base_url, state, created_at, checked_at) VALUES ('trello', 'pat', 's', 'b', 'ok', 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('the screenshots migration', () => {
  const index = migrations.findIndex((m) => m.name === 'screenshots');

  it('upgrades the previous version in place and stores rows, wrapped day keys and the opt-in', () => {
    expect(index).toBeGreaterThan(0);
    const path = join(dir, 'before-screenshots.db');
    const old = new Database(path);
    migrate(old, migrations.slice(0, index));
    createPolicyStateRepository(old).saveLastValid('machine', '{"version":1}', 1);
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(createPolicyStateRepository(db).lastValid('machine')?.text).toBe('{"version":1}');

    const shots = createScreenshotRepository(db);
    expect(shots.optIn()).toBe(false);
    shots.setOptIn(true, 5);
    expect(shots.optIn()).toBe(true);
    const record = {
      id: '0b7c8f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
      capturedAt: 1_000,
      day: '2026-11-20',
      display: 'HDMI-1',
      width: 1920,
      height: 1080,
      blurred: false,
      bytes: 12345,
      entryId: 7,
      taskRef: 'jira:PROJ-7',
      state: 'ok' as const,
    };
    shots.insert(record);
    expect(shots.get(record.id)).toEqual(record);
    expect(shots.between(0, 2_000)).toEqual([record]);
    expect(shots.before(1_000)).toEqual([]);
    shots.markTampered(record.id);
    expect(shots.get(record.id)?.state).toBe('tampered');
    shots.delete(record.id);
    expect(shots.get(record.id)).toBeNull();

    const keys = createDayKeyRepository(db);
    const first = new Uint8Array(60).fill(1);
    expect(keys.insert('2026-11-20', first, 1)).toEqual(first);
    // A second key for the same day never replaces the first (two captures racing).
    expect(keys.insert('2026-11-20', new Uint8Array(60).fill(2), 2)).toEqual(first);
    keys.insert('2026-11-21', new Uint8Array(60).fill(3), 3);
    expect(keys.daysBefore('2026-11-21')).toEqual(['2026-11-20']);
    keys.delete('2026-11-20');
    expect(keys.get('2026-11-20')).toBeNull();

    // No column could hold pixels or a key in the clear.
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('screenshots')")
      .all()
      .map((c) => c.name);
    expect(columns.filter((name) => /key|image|pixel|data|png/i.test(name))).toEqual([]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO screenshots (id, captured_at, day, display, width, height, blurred, bytes, state) VALUES ('x', 1, 'today', 'd', 1, 1, 0, 1, 'ok')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO screenshot_day_keys (day, wrapped, created_at) VALUES ('2026-01-01', x'00', 1)").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
