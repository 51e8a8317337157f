import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import Papa from 'papaparse';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectionDtoSchema, policyChangeDtoSchema } from '../../common/dto';
import { archivedScreenshotSchema, archiveManifestSchema, CSV_COLUMNS, exportFileSchema } from '../../common/export-schema';
import { formatLocalIso } from '../../common/local-time';
import { createExportFiles } from '../../main/adapters/node/export-files';
import { EncryptedScreenshotVault, MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { VaultWorkerClient } from '../../main/adapters/node/screenshots/vault-worker-client';
import { ExportService } from '../../main/core/export/export-service';
import { toConnectionDto } from '../../main/core/integrations/connection-dto';
import { secretAccountOf } from '../../main/core/ports/connections';
import { silentLogger } from '../../main/core/ports/logger';
import type { ScreenshotRecord } from '../../main/core/ports/screenshots';
import { toPolicyChangeDto } from '../../main/core/policy/policy-dto';
import { PolicyService } from '../../main/core/policy/policy-service';
import { ScreenshotService } from '../../main/core/screenshots/screenshot-service';
import { createConnectionRepository } from '../../main/store/connection-repository';
import { openDatabase } from '../../main/store/database';
import { createExportEntrySource } from '../../main/store/export-repository';
import { createPolicyStateRepository } from '../../main/store/policy-state-repository';
import { createDayKeyRepository, createScreenshotRepository } from '../../main/store/screenshot-repository';
import { createSqliteStore } from '../../main/store/sqlite-store';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { FakeCapturer, RecordingNotifier, ScriptedRandom } from '../fakes/fake-screenshots';
import { InMemoryPolicyState, InMemoryUserSettings } from '../fakes/fake-policy';
import { FakeTime } from '../fakes/fake-time';
import { imageMagic, quadrantBmp, quadrantColour } from '../fakes/test-images';
import { repoRoot } from '../harness/agent-process';
import { tsWorker } from '../harness/ts-worker';
import { readZip } from '../harness/zip-reader';

const workerSource = join(repoRoot, 'main', 'adapters', 'node', 'screenshots', 'vault-worker.ts');
const NOW = new Date(2026, 10, 20, 18, 0, 0).getTime();
const TOKEN = 'jira-api-token-THAT-MUST-NEVER-LEAVE-THE-KEYCHAIN';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

const secrets = new KeytarSecretStore();
let dir: string;
let dataDir: string;
let db: Database.Database;
let worker: VaultWorkerClient;
let screenshots: ScreenshotService;
let time: FakeTime;

let vault: EncryptedScreenshotVault;

beforeEach(async () => {
  await secrets.delete(MASTER_KEY_ACCOUNT);
  dir = mkdtempSync(join(tmpdir(), 'clockhand-archive-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  db = openDatabase(join(dataDir, 'clockhand.db'));
  time = new FakeTime(NOW);
  worker = new VaultWorkerClient(tsWorker(workerSource));
  vault = new EncryptedScreenshotVault({
    dataDir,
    secrets,
    dayKeys: createDayKeyRepository(db),
    worker,
    now: () => time.now(),
    logger: silentLogger,
  });
  screenshots = new ScreenshotService({
    clock: time,
    random: new ScriptedRandom([0]),
    capturer: new FakeCapturer(() => time.now()),
    vault,
    repository: createScreenshotRepository(db),
    notifier: new RecordingNotifier(),
    logger: silentLogger,
    policy: new PolicyService([], new InMemoryPolicyState(), new InMemoryUserSettings(), time, silentLogger),
    presence: () => ({ timerRunning: true, entryId: 1, taskRef: 'local:x', idle: false, lastInputAt: time.now() }),
  });
});

afterEach(async () => {
  await worker.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await secrets.delete(MASTER_KEY_ACCOUNT);
});

/** Seals a quadrant image of the given size through the real vault and records its row, as a capture does. */
async function screenshot(id: string, capturedAt: number, width: number, height: number): Promise<ScreenshotRecord> {
  const day = formatLocalIso(capturedAt).slice(0, 10);
  const ref = { id, capturedAt, day, display: 'HDMI-1' };
  const sealed = await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(width, height) }, { blur: false });
  const record: ScreenshotRecord = {
    ...ref,
    width: sealed.width,
    height: sealed.height,
    blurred: false,
    bytes: sealed.bytes,
    entryId: 1,
    taskRef: 'jira:ABC-1',
    state: 'ok',
  };
  createScreenshotRepository(db).insert(record);
  return record;
}

async function expectQuadrants(png: Buffer, width: number, height: number): Promise<void> {
  expect(imageMagic(png)).toBe('png');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([width, height]);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      const want = quadrantColour(x, y, width, height);
      if (data[at] !== want.r || data[at + 1] !== want.g || data[at + 2] !== want.b) {
        throw new Error(`pixel ${String(x)},${String(y)} differs from the original`);
      }
    }
  }
}

describe('export --format archive', () => {
  it('a zip with entries (JSON and CSV), decrypted screenshots equal to the originals, policy history and connections without secrets', async () => {
    const store = createSqliteStore(db);
    const entries = store.transaction(() =>
      [
        {
          taskRef: 'jira:ABC-1',
          startedAt: NOW - 8 * 3_600_000,
          endedAt: NOW - 7 * 3_600_000,
          note: '=HYPERLINK("http://evil.example")',
          origin: 'timer' as const,
        },
        {
          taskRef: 'local:écrire',
          startedAt: NOW - 5 * 3_600_000,
          endedAt: NOW - 4 * 3_600_000,
          note: 'a, "b"\r\nc',
          origin: 'manual' as const,
        },
      ].map((e) => store.entries.insert({ ...e, now: NOW })),
    );
    const shots = [
      await screenshot('0b6c3a52-7f4e-4a59-9c1e-1d2e3f4a5b60', NOW - 7.5 * 3_600_000, 64, 48),
      await screenshot('1c7d4b63-8a5f-4b6a-8d2f-2e3f4a5b6c71', NOW - 4.5 * 3_600_000, 33, 17),
    ];
    const policyState = createPolicyStateRepository(db);
    policyState.appendHistory({
      at: NOW - 3_600_000,
      scope: 'machine',
      key: 'screenshots.mode',
      sentence: 'Your organization turned screenshots on.',
    });
    const connections = createConnectionRepository(db);
    const connection = connections.insert({
      provider: 'jira',
      auth: 'api-token',
      site: 'https://acme.atlassian.net',
      baseUrl: 'https://acme.atlassian.net',
      login: 'ada@example.com',
      accountId: '5b10ac8d82e05b22cc7d4ef5',
      accountName: 'Ada',
      state: 'ok',
      stateReason: null,
      createdAt: NOW,
      checkedAt: NOW,
    });
    await secrets.set(secretAccountOf(connection.id), TOKEN);
    try {
      const exporter = new ExportService(createExportEntrySource(db), createExportFiles(dataDir), time, {
        screenshots,
        policyHistory: () => policyState.history(1000).map(toPolicyChangeDto),
        connections: () => connections.list().map(toConnectionDto),
      });
      const out = join(dir, 'everything.zip');
      const dataFilesBefore = filesUnder(dataDir).sort();
      const result = await exporter.export({ format: 'archive', out });
      expect(result).toEqual({ path: out, entries: 2, bytes: statSync(out).size, screenshots: 2 });
      // Only the zip came out; nothing decrypted was left beside it or in the data directory.
      expect(readdirSync(dir).sort()).toEqual(['data', 'everything.zip']);
      expect(filesUnder(dataDir).sort()).toEqual(dataFilesBefore);
      for (const file of filesUnder(join(dataDir, 'screenshots'))) expect(imageMagic(readFileSync(file))).toBeNull();

      const zip = await readZip(out);
      expect([...zip.keys()].sort()).toEqual(
        [
          'connections.json',
          'entries.csv',
          'entries.json',
          'manifest.json',
          'policy-history.json',
          'screenshots.json',
          ...shots.map((s) => `screenshots/${s.day}/${s.id}.png`),
        ].sort(),
      );
      const text = (name: string): string => zip.get(name)?.toString('utf8') ?? '';
      const manifest = archiveManifestSchema.parse(JSON.parse(text('manifest.json')));
      expect(manifest.counts).toEqual({ entries: 2, screenshots: 2, screenshotsNotIncluded: 0, policyChanges: 1, connections: 1 });
      const json = exportFileSchema.parse(JSON.parse(text('entries.json')));
      expect(json.entries.map((e) => [e.id, e.taskRef, Date.parse(e.start), e.note])).toEqual(
        entries.map((e) => [e.id, e.taskRef, e.startedAt, e.note]),
      );
      const csv = Papa.parse<string[]>(text('entries.csv'), { delimiter: ',', newline: '\r\n', skipEmptyLines: 'greedy' });
      expect(csv.errors).toEqual([]);
      expect(csv.data[0]).toEqual([...CSV_COLUMNS]);
      expect(csv.data.slice(1).map((row) => [row[1], row[5]])).toEqual([
        ['jira:ABC-1', `'=HYPERLINK("http://evil.example")`],
        ['local:écrire', 'a, "b"\r\nc'],
      ]);
      const listed = z.array(archivedScreenshotSchema).parse(JSON.parse(text('screenshots.json')));
      expect(listed.map((s) => [s.id, s.file, s.problem])).toEqual(shots.map((s) => [s.id, `screenshots/${s.day}/${s.id}.png`, null]));
      for (const shot of shots) {
        const png = zip.get(`screenshots/${shot.day}/${shot.id}.png`);
        if (png === undefined) throw new Error('screenshot missing from the archive');
        await expectQuadrants(png, shot.width, shot.height);
      }
      expect(z.array(policyChangeDtoSchema).parse(JSON.parse(text('policy-history.json')))).toMatchObject([
        { scope: 'machine', key: 'screenshots.mode', sentence: 'Your organization turned screenshots on.' },
      ]);
      expect(z.array(connectionDtoSchema).parse(JSON.parse(text('connections.json')))).toMatchObject([
        { id: connection.id, provider: 'jira', site: 'https://acme.atlassian.net', account: 'Ada' },
      ]);
      // The secret is in the keychain, and nowhere in the archive (compressed or not).
      expect(await secrets.get(secretAccountOf(connection.id))).toBe(TOKEN);
      for (const [name, bytes] of zip) expect(bytes.includes(TOKEN), name).toBe(false);
      expect(readFileSync(out).includes(TOKEN)).toBe(false);
      expect(exporter.progress()).toMatchObject({ running: false });
    } finally {
      await secrets.delete(secretAccountOf(connection.id));
    }
  });

  it('a tampered screenshot stays out (listed with its problem, flagged tampered); the rest of the archive is complete', async () => {
    const good = await screenshot('2d8e5c74-9b6a-4c7b-9e3a-3f4a5b6c7d82', NOW - 3_600_000, 20, 10);
    const bad = await screenshot('3e9f6d85-ac7b-4d8c-8f4b-4a5b6c7d8e93', NOW - 1_800_000, 20, 10);
    const file = filesUnder(join(dataDir, 'screenshots')).find((path) => path.endsWith(`${bad.id}.full.chs`));
    if (file === undefined) throw new Error('no sealed file');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const exporter = new ExportService(createExportEntrySource(db), createExportFiles(dataDir), time, {
      screenshots,
      policyHistory: () => [],
      connections: () => [],
    });
    const out = join(dir, 'partial.zip');
    const result = await exporter.export({ format: 'archive', out });
    expect(result.screenshots).toBe(1);
    const zip = await readZip(out);
    const listed = z.array(archivedScreenshotSchema).parse(JSON.parse(zip.get('screenshots.json')?.toString('utf8') ?? ''));
    expect(listed.find((s) => s.id === good.id)).toMatchObject({ file: `screenshots/${good.day}/${good.id}.png`, problem: null });
    expect(listed.find((s) => s.id === bad.id)).toMatchObject({ file: null, problem: expect.any(String) as unknown });
    expect([...zip.keys()].filter((name) => name.endsWith('.png'))).toEqual([`screenshots/${good.day}/${good.id}.png`]);
    expect(createScreenshotRepository(db).get(bad.id)?.state).toBe('tampered');
    expect(archiveManifestSchema.parse(JSON.parse(zip.get('manifest.json')?.toString('utf8') ?? '')).counts).toMatchObject({
      screenshots: 1,
      screenshotsNotIncluded: 1,
    });
  });
});
