// backupMemory for `npm run bench`: the peak RSS growth of an encrypted backup and of a validated restore of a database
// with N finished entries (CLOCKHAND_BENCH_BACKUP_MEMORY_ENTRIES, default 200,000: five years). Each operation runs in
// a fresh Node process, so its peak (getrusage maxrss) is the operation's and not the database build's; growth is
// that peak minus the process's RSS just before the operation.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createBackup, listBackups } from '../main/adapters/node/backup/encrypted-backups';
import { BACKUP_KEY_ACCOUNT } from '../main/adapters/node/backup/backup-key';
import { restoreBackup } from '../main/adapters/node/backup/restore-backup';
import { DATABASE_FILE } from '../main/adapters/node/data-dir';
import { openDatabase } from '../main/store/database';
import { InMemorySecretStore } from '../test/fakes/in-memory-secret-store';

const CHILD_FLAG = '--backup-memory-child';
const MB = 1_048_576;

const measuredSchema = z.object({ rssBeforeMb: z.number(), peakRssMb: z.number(), growthMb: z.number(), ms: z.number() });
type Measured = z.infer<typeof measuredSchema>;

export async function backupMemory(
  entries = Number(process.env.CLOCKHAND_BENCH_BACKUP_MEMORY_ENTRIES ?? '200000'),
): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-bench-backup-memory-'));
  try {
    fillDatabase(join(dir, DATABASE_FILE), entries);
    const key = randomBytes(32).toString('base64');
    const databaseBytes = statSync(join(dir, DATABASE_FILE)).size;
    const backup = await inChild('backup', dir, key);
    const backupBytes = listBackups(dir)[0]?.bytes ?? 0;
    const restore = await inChild('restore', dir, key);
    return { entries, databaseMb: round1(databaseBytes / MB), backupMb: round1(backupBytes / MB), backup, restore };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fillDatabase(path: string, entries: number): void {
  const db = openDatabase(path);
  const insert = db.prepare(
    `INSERT INTO time_entries (task_ref, started_at, ended_at, note, origin, checkpoint_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'timer', ?, ?, ?)`,
  );
  const start = Date.parse('2021-11-25T08:00:00Z');
  db.transaction(() => {
    for (let n = 0; n < entries; n += 1) {
      const at = start + n * 780_000; // every 13 minutes: five years at 200,000
      insert.run(`jira:PROJ-${String(n % 500)}`, at, at + 600_000, `work item ${String(n)}, "detail"`, at, at, at);
    }
  })();
  db.close();
}

function inChild(mode: 'backup' | 'restore', dir: string, key: string): Promise<Measured> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, CHILD_FLAG, mode, dir], {
    env: { ...process.env, CLOCKHAND_BENCH_BACKUP_MEMORY_KEY: key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`the ${mode} child exited with ${String(code)}`));
        return;
      }
      try {
        resolve(measuredSchema.parse(JSON.parse(out)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** The child: one operation, measured around itself. */
async function child(mode: string, dir: string): Promise<Measured> {
  const secrets = new InMemorySecretStore();
  await secrets.set(BACKUP_KEY_ACCOUNT, process.env.CLOCKHAND_BENCH_BACKUP_MEMORY_KEY ?? '');
  const db = mode === 'backup' ? openDatabase(join(dir, DATABASE_FILE)) : null;
  const rssBefore = process.memoryUsage().rss;
  const began = performance.now();
  if (db !== null) {
    await createBackup(db, dir, secrets, 7, Date.now());
    db.close();
  } else {
    const id = listBackups(dir)[0]?.id;
    if (id === undefined) throw new Error('no backup to restore');
    await restoreBackup(dir, id, secrets);
  }
  const ms = performance.now() - began;
  const peak = process.resourceUsage().maxRSS * 1024; // kilobytes
  return {
    rssBeforeMb: round1(rssBefore / MB),
    peakRssMb: round1(peak / MB),
    growthMb: round1((peak - rssBefore) / MB),
    ms: Math.round(ms),
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt >= 0) {
  child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '').then(
    (measured) => {
      process.stdout.write(JSON.stringify(measured));
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
