// Trust figures for `npm run bench`:
//   backupRestore  an encrypted online backup and a validated restore of a database with N finished entries
//                  (CLOCKHAND_BENCH_BACKUP_ENTRIES, default 100,000) plus a day of activity minutes; the keychain is
//                  an in-memory SecretStore here (its cost is one read, measured elsewhere)
//   redaction      log lines per second through the redactor (a realistic mix, 256 remembered secrets)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackup } from '../main/adapters/node/backup/encrypted-backups';
import { restoreBackup } from '../main/adapters/node/backup/restore-backup';
import { DATABASE_FILE } from '../main/adapters/node/data-dir';
import { MAX_REMEMBERED_SECRETS, Redactor } from '../main/core/logging/redactor';
import { openDatabase } from '../main/store/database';
import { InMemorySecretStore } from '../test/fakes/in-memory-secret-store';

export async function backupRestore(entries: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-backup-'));
  try {
    const db = openDatabase(join(dir, DATABASE_FILE));
    const insert = db.prepare(
      `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'timer', ?, ?, ?)`,
    );
    const start = Date.UTC(2024, 0, 1);
    db.transaction(() => {
      for (let i = 0; i < entries; i += 1) {
        const at = start + i * 3_600_000;
        insert.run(`jira:BENCH-${String(i % 500)}`, at, at + 1_800_000, i % 3 === 0 ? 'a note of average length' : null, at, at, at);
      }
    })();
    const secrets = new InMemorySecretStore();
    const bytes = statSync(join(dir, DATABASE_FILE)).size;
    const began = performance.now();
    const made = await createBackup(db, dir, secrets, 7, Date.now());
    const backupMs = performance.now() - began;
    db.close();
    const restoreBegan = performance.now();
    await restoreBackup(dir, made.id, secrets);
    const restoreMs = performance.now() - restoreBegan;
    return {
      entries,
      databaseBytes: bytes,
      backupBytes: made.bytes,
      backupMs: Math.round(backupMs),
      restoreMs: Math.round(restoreMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function redaction(): Record<string, unknown> {
  const redactor = new Redactor();
  for (let i = 0; i < MAX_REMEMBERED_SECRETS; i += 1) redactor.remember(`remembered-secret-${String(i)}-x`);
  const lines = [
    ['sync posted a worklog', { connectionId: 3, status: 201, issue: 'PROJ-12', ms: 412 }],
    ['vendor answered', { status: 401, url: 'https://acme.atlassian.net/rest/api/3/myself', header: 'Authorization: Bearer eyJabc.def' }],
    ['policy changed a setting', { key: 'screenshots.mode', scope: 'machine' }],
    ['token refresh failed', { error: 'invalid_grant: refresh token xoxe.xoxp-1-rt-0a1b2c3d4e5f6a7b8c9d0e1f used twice' }],
  ] as const;
  const count = 200_000;
  const began = performance.now();
  for (let i = 0; i < count; i += 1) {
    const [message, fields] = lines[i % lines.length] ?? lines[0];
    redactor.text(message);
    redactor.fields(fields);
  }
  const seconds = (performance.now() - began) / 1000;
  return { lines: count, linesPerSecond: Math.round(count / seconds), rememberedSecrets: MAX_REMEMBERED_SECRETS };
}
