import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedScreenshotVault, MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { unsealImage, unwrapDayKey } from '../../main/adapters/node/screenshots/sealed-file';
import { VaultWorkerClient } from '../../main/adapters/node/screenshots/vault-worker-client';
import { silentLogger } from '../../main/core/ports/logger';
import type { ScreenshotRef } from '../../main/core/ports/screenshots';
import { PolicyService } from '../../main/core/policy/policy-service';
import { ScreenshotService } from '../../main/core/screenshots/screenshot-service';
import { openDatabase } from '../../main/store/database';
import { createDayKeyRepository, createScreenshotRepository } from '../../main/store/screenshot-repository';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { FakeCapturer, RecordingNotifier, ScriptedRandom } from '../fakes/fake-screenshots';
import { InMemoryPolicyState, InMemoryUserSettings } from '../fakes/fake-policy';
import { FakeTime } from '../fakes/fake-time';
import { imageMagic, quadrantBmp, quadrantColour } from '../fakes/test-images';
import { repoRoot } from '../harness/agent-process';
import { tsWorker } from '../harness/ts-worker';

const workerSource = join(repoRoot, 'main', 'adapters', 'node', 'screenshots', 'vault-worker.ts');
const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();
const DAY = 24 * 60 * 60 * 1000;

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

interface Setup {
  readonly dataDir: string;
  readonly db: Database.Database;
  readonly vault: EncryptedScreenshotVault;
  readonly worker: VaultWorkerClient;
  readonly secrets: KeytarSecretStore;
}

const secrets = new KeytarSecretStore();
let setup: Setup;

beforeEach(async () => {
  await secrets.delete(MASTER_KEY_ACCOUNT);
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-vault-'));
  const db = openDatabase(join(dataDir, 'clockhand.db'));
  const worker = new VaultWorkerClient(tsWorker(workerSource));
  const vault = new EncryptedScreenshotVault({
    dataDir,
    secrets,
    dayKeys: createDayKeyRepository(db),
    worker,
    now: () => nineAm,
    logger: silentLogger,
  });
  setup = { dataDir, db, vault, worker, secrets };
});

afterEach(async () => {
  await setup.worker.close();
  setup.db.close();
  rmSync(setup.dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  await secrets.delete(MASTER_KEY_ACCOUNT);
});

const ref: ScreenshotRef = { id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', capturedAt: nineAm, day: '2026-11-20', display: 'HDMI-1' };

async function rawPixels(png: Uint8Array): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

describe('the encrypted screenshot vault (AES-256-GCM, worker thread, real keychain)', () => {
  it('stores only ciphertext; decrypts to the exact pixels and a 320 px thumbnail', async () => {
    const { vault, dataDir } = setup;
    expect(await vault.check()).toEqual({ available: true });
    const sealed = await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(640, 360) }, { blur: false });
    expect(sealed).toMatchObject({ width: 640, height: 360 });

    const files = filesUnder(join(dataDir, 'screenshots'));
    expect(files.map((f) => f.slice(dataDir.length)).sort()).toEqual([
      `/screenshots/2026-11-20/${ref.id}.full.chs`,
      `/screenshots/2026-11-20/${ref.id}.thumb.chs`,
    ]);
    for (const file of filesUnder(dataDir)) expect(imageMagic(readFileSync(file)), file).toBeNull();
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 4).toString('ascii')).toBe('CHSS');
      expect(bytes[4]).toBe(1); // format version
    }

    const full = await vault.open(ref, 'full');
    if (!full.ok) throw new Error(full.message);
    const pixels = await rawPixels(full.png);
    expect(pixels.width).toBe(640);
    expect(pixels.height).toBe(360);
    for (const [x, y] of [
      [10, 10],
      [630, 10],
      [10, 350],
      [630, 350],
      [319, 179],
      [320, 180],
    ] as const) {
      const i = (y * 640 + x) * 3;
      expect([pixels.data[i], pixels.data[i + 1], pixels.data[i + 2]]).toEqual(Object.values(quadrantColour(x, y, 640, 360)));
    }
    const thumb = await vault.open(ref, 'thumb');
    if (!thumb.ok) throw new Error(thumb.message);
    expect(await rawPixels(thumb.png)).toMatchObject({ width: 320, height: 180 });
  });

  it('uses a fresh nonce for every file: the same image sealed twice gives different ciphertext', async () => {
    const { vault, dataDir } = setup;
    const image = { display: 'HDMI-1', format: 'bmp' as const, data: quadrantBmp(64, 48) };
    const other = { ...ref, id: 'second-0000' };
    await vault.seal(ref, image, { blur: false });
    await vault.seal(other, { ...image, data: quadrantBmp(64, 48) }, { blur: false });
    const a = readFileSync(join(dataDir, 'screenshots', ref.day, `${ref.id}.full.chs`));
    const b = readFileSync(join(dataDir, 'screenshots', ref.day, `${other.id}.full.chs`));
    expect(a.subarray(6, 18).equals(b.subarray(6, 18))).toBe(false);
    expect(a.subarray(18).equals(b.subarray(18))).toBe(false);
  });

  it('blurs before encryption: the stored image no longer has the sharp edge', async () => {
    const { vault } = setup;
    await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(640, 360) }, { blur: true });
    const full = await vault.open(ref, 'full');
    if (!full.ok) throw new Error(full.message);
    const pixels = await rawPixels(full.png);
    const at = (x: number, y: number): number[] => {
      const i = (y * 640 + x) * 3;
      return [pixels.data[i] ?? 0, pixels.data[i + 1] ?? 0, pixels.data[i + 2] ?? 0];
    };
    // Right at the red/green border the colours are mixed, not the pure quadrant colours.
    expect(at(319, 90)).not.toEqual([220, 20, 20]);
    expect(at(320, 90)).not.toEqual([0, 200, 0]);
  });

  it('keeps the master key in the keychain only: in no file of the data directory', async () => {
    const { vault, dataDir, db } = setup;
    await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(64, 48) }, { blur: false });
    const stored = await secrets.get(MASTER_KEY_ACCOUNT);
    expect(stored).not.toBeNull();
    const master = Buffer.from(stored ?? '', 'base64');
    expect(master).toHaveLength(32);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const dayKey = unwrapDayKey(master, createDayKeyRepository(db).get(ref.day) ?? new Uint8Array(), ref.day);
    expect(dayKey).toHaveLength(32);
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(master), file).toBe(false);
      expect(bytes.includes(Buffer.from(stored ?? '', 'utf8')), file).toBe(false);
      expect(bytes.includes(dayKey ?? Buffer.alloc(32)), file).toBe(false);
    }
  });

  it('flags a file that fails authentication: a flipped byte, a changed header, another screenshot id', async () => {
    const { vault, dataDir } = setup;
    await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(64, 48) }, { blur: false });
    const path = join(dataDir, 'screenshots', ref.day, `${ref.id}.full.chs`);
    const original = readFileSync(path);
    const flip = (offset: number): void => {
      const copy = Buffer.from(original);
      copy[offset] = (copy[offset] ?? 0) ^ 0x01;
      writeFileSync(path, copy);
    };
    flip(original.length - 40); // ciphertext
    expect(await vault.open(ref, 'full')).toMatchObject({ ok: false, problem: 'tampered' });
    flip(10); // nonce, part of the header
    expect(await vault.open(ref, 'full')).toMatchObject({ ok: false, problem: 'tampered' });
    writeFileSync(path, original);
    expect((await vault.open(ref, 'full')).ok).toBe(true);
    // The same file presented as another screenshot (or display, or time) does not authenticate.
    expect(await vault.open({ ...ref, display: 'DP-1' }, 'full')).toMatchObject({ ok: false, problem: 'tampered' });
    expect(await vault.open({ ...ref, capturedAt: ref.capturedAt + 1 }, 'full')).toMatchObject({ ok: false, problem: 'tampered' });
  });

  it('refuses to export inside the data directory and writes a PNG elsewhere', async () => {
    const { vault, dataDir } = setup;
    await vault.seal(ref, { display: 'HDMI-1', format: 'bmp', data: quadrantBmp(64, 48) }, { blur: false });
    await expect(vault.exportPng(ref, join(dataDir, 'leak.png'))).rejects.toThrow(/never written inside the data directory/);
    const outDir = mkdtempSync(join(tmpdir(), 'clockhand-export-'));
    try {
      const out = join(outDir, 'shot.png');
      expect(await vault.exportPng(ref, out)).toMatchObject({ ok: true, width: 64, height: 48 });
      expect(imageMagic(readFileSync(out))).toBe('png');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('without a keychain: not available, with the reason, and nothing is written', async () => {
    const broken = new KeytarSecretStore({ load: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) });
    const vault = new EncryptedScreenshotVault({
      dataDir: setup.dataDir,
      secrets: broken,
      dayKeys: createDayKeyRepository(setup.db),
      worker: setup.worker,
      now: () => nineAm,
      logger: silentLogger,
    });
    const state = await vault.check();
    expect(state.available).toBe(false);
    expect(state.available ? '' : state.reason).toMatch(/D-Bus/);
    await expect(vault.seal(ref, { display: 'x', format: 'bmp', data: quadrantBmp(8, 8) }, { blur: false })).rejects.toThrow();
    expect(filesUnder(setup.dataDir).filter((f) => f.includes('screenshots'))).toEqual([]);
    expect(createDayKeyRepository(setup.db).daysBefore('9999-12-31')).toEqual([]);
  });
});

describe('retention with a fake clock (crypto-shredding)', () => {
  it('at day 91 deletes rows, files and the day key: a copy of an old file can no longer be decrypted', async () => {
    const { vault, db, dataDir } = setup;
    const time = new FakeTime(nineAm);
    const repository = createScreenshotRepository(db);
    const capturer = new FakeCapturer(() => time.now());
    capturer.result = { ok: true, images: [{ display: 'screen', format: 'bmp', data: quadrantBmp(64, 48) }] };
    const service = new ScreenshotService({
      clock: time,
      random: new ScriptedRandom([0]),
      capturer,
      vault,
      repository,
      notifier: new RecordingNotifier(),
      logger: silentLogger,
      policy: new PolicyService([], new InMemoryPolicyState(), new InMemoryUserSettings(), time, silentLogger),
      presence: () => ({ timerRunning: true, entryId: 1, taskRef: 'local:x', idle: false, lastInputAt: time.now() }),
    });
    service.start();
    await service.enable();
    for (let i = 0; i < 3; i += 1) {
      time.advance(1_000);
      service.tick();
      await service.settled();
    }
    const [shot] = repository.between(0, Number.MAX_SAFE_INTEGER);
    if (shot === undefined) throw new Error('no screenshot was taken');
    const dir = join(dataDir, 'screenshots', shot.day);
    const aside = mkdtempSync(join(tmpdir(), 'clockhand-aside-'));
    try {
      for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(aside, name));
      const wrapped = createDayKeyRepository(db).get(shot.day);
      expect(wrapped).not.toBeNull();

      // Day 90: still kept.
      time.sleep(90 * DAY - 10_000);
      expect(await service.applyRetention()).toEqual({ deleted: 0, shreddedDays: [] });
      // Day 91.
      time.sleep(DAY);
      const result = await service.applyRetention();
      expect(result).toEqual({ deleted: 1, shreddedDays: [shot.day] });
      expect(repository.get(shot.id)).toBeNull();
      expect(filesUnder(join(dataDir, 'screenshots'))).toEqual([]);
      expect(createDayKeyRepository(db).get(shot.day)).toBeNull();
      // The wrapped key left no copy in the database file or its log.
      for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(Buffer.from(wrapped ?? [])), file).toBe(false);

      // Put the copy back: the vault cannot open it, and no key it holds authenticates it.
      mkdirSync(dir, { recursive: true });
      for (const name of readdirSync(aside)) copyFileSync(join(aside, name), join(dir, name));
      repository.insert(shot);
      expect(await vault.open(shot, 'full')).toMatchObject({ ok: false, problem: 'key_gone' });
      const master = Buffer.from((await secrets.get(MASTER_KEY_ACCOUNT)) ?? '', 'base64');
      const copy = readFileSync(join(aside, `${shot.id}.full.chs`));
      for (const day of createDayKeyRepository(db).daysBefore('9999-12-31')) {
        const key = unwrapDayKey(master, createDayKeyRepository(db).get(day) ?? new Uint8Array(), day);
        expect(key === null ? false : unsealImage(key, shot, 'full', copy).ok).toBe(false);
      }
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
  });
});
