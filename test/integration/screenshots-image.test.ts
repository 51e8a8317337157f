import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptedScreenshotVault, MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { VaultWorkerClient } from '../../main/adapters/node/screenshots/vault-worker-client';
import { silentLogger } from '../../main/core/ports/logger';
import { openDatabase } from '../../main/store/database';
import { createDayKeyRepository, createScreenshotRepository } from '../../main/store/screenshot-repository';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { coreHarness, must, type CoreHarness } from '../fakes/core-harness';
import { FakeCapturer, FakeVault, RecordingNotifier, ScriptedRandom } from '../fakes/fake-screenshots';
import type { CapturedImage } from '../../main/core/ports/screen-capturer';
import type { ImageVariant, OpenResult, ScreenshotRef, SealedScreenshot, VaultState } from '../../main/core/ports/screenshots';
import { FakeTime } from '../fakes/fake-time';
import { quadrantBmp, quadrantColour } from '../fakes/test-images';
import { repoRoot } from '../harness/agent-process';
import { tsWorker } from '../harness/ts-worker';
import { requireKeyring } from '../harness/keyring';

/** The core harness takes its vault in FakeVault's shape: this one only forwards to the real encrypted vault. */
class RealVault extends FakeVault {
  constructor(private readonly real: EncryptedScreenshotVault) {
    super();
  }
  override check(): Promise<VaultState> {
    return this.real.check();
  }
  override seal(ref: ScreenshotRef, image: CapturedImage, options: { blur: boolean }): Promise<SealedScreenshot> {
    return this.real.seal(ref, image, options);
  }
  override open(ref: ScreenshotRef, variant: ImageVariant): Promise<OpenResult> {
    return this.real.open(ref, variant);
  }
  override exportPng(ref: ScreenshotRef, outPath: string): Promise<OpenResult> {
    return this.real.exportPng(ref, outPath);
  }
  override remove(ref: ScreenshotRef): Promise<void> {
    return this.real.remove(ref);
  }
  override shredDaysBefore(day: string): string[] {
    return this.real.shredDaysBefore(day);
  }
}

const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();
const MIN = 60_000;
const WIDTH = 1280;
const HEIGHT = 720;

/** The window's full-size view through the core's operation, over the real encrypted vault and keychain. */
describe('screenshot.image: the full image decrypted on demand through the vault worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-image-'));
  const secrets = new KeytarSecretStore();
  const db = openDatabase(join(dir, 'clockhand.db'));
  const time = new FakeTime(nineAm);
  let worker: VaultWorkerClient;
  let h: CoreHarness;

  const flush = async (): Promise<void> => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    await h.core.screenshots.settled();
  };

  beforeAll(async () => {
    requireKeyring();
    await secrets.delete(MASTER_KEY_ACCOUNT);
    worker = new VaultWorkerClient(tsWorker(join(repoRoot, 'main', 'adapters', 'node', 'screenshots', 'vault-worker.ts')));
    const capturer = new FakeCapturer(() => time.now());
    capturer.result = { ok: true, images: [{ display: 'HDMI-1', format: 'bmp', data: quadrantBmp(WIDTH, HEIGHT) }] };
    const vault = new RealVault(
      new EncryptedScreenshotVault({
        dataDir: dir,
        secrets,
        dayKeys: createDayKeyRepository(db),
        worker,
        now: () => time.now(),
        logger: silentLogger,
      }),
    );
    h = coreHarness(
      nineAm,
      { idleMinutes: 5 },
      {
        time,
        screenshots: {
          capturer,
          vault,
          repository: createScreenshotRepository(db),
          notifier: new RecordingNotifier(),
          random: new ScriptedRandom([0.1]),
        },
      },
    );
    await flush();
    must(await h.core.invokeAsync('screenshots.enable', {}));
    must(h.core.invoke('timer.start', { taskRef: 'local:viewer' }));
    // Active for the first window: the capture (at 10 % of it) is sealed by the real worker.
    for (let minute = 0; minute < 5 && must(await h.core.invokeAsync('screenshots.list', {})).length === 0; minute += 1) {
      time.advance(MIN, () => {
        h.source.emit('mouse');
      });
      await flush();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await flush();
    }
  });

  afterAll(async () => {
    await worker.close();
    db.close();
    await secrets.delete(MASTER_KEY_ACCOUNT);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back exactly the captured pixels at the captured size', async () => {
    const [shot] = must(await h.core.invokeAsync('screenshots.list', {}));
    expect(shot).toMatchObject({ width: WIDTH, height: HEIGHT, state: 'ok' });
    const id = shot?.id ?? '';
    const image = must(await h.core.invokeAsync('screenshot.image', { id }));
    expect(image).toMatchObject({ id, width: WIDTH, height: HEIGHT });
    const png = Buffer.from(image.pngBase64, 'base64');
    expect(png.toString('base64')).toBe(image.pngBase64);
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([WIDTH, HEIGHT]);
    let mismatches = 0;
    for (let y = 0; y < HEIGHT; y += 7) {
      for (let x = 0; x < WIDTH; x += 5) {
        const want = quadrantColour(x, y, WIDTH, HEIGHT);
        const i = (y * WIDTH + x) * 3;
        if (data[i] !== want.r || data[i + 1] !== want.g || data[i + 2] !== want.b) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
    // The thumbnail stays the small one.
    expect(must(await h.core.invokeAsync('screenshot.thumbnail', { id })).width).toBe(320);
  });

  it('refuses a file altered on disk with the reason, and lists it as tampered', async () => {
    const [shot] = must(await h.core.invokeAsync('screenshots.list', {}));
    const id = shot?.id ?? '';
    const path = join(dir, 'screenshots', shot?.day ?? '', `${id}.full.chs`);
    const bytes = readFileSync(path);
    bytes[bytes.length - 50] = (bytes[bytes.length - 50] ?? 0) ^ 0x01;
    writeFileSync(path, bytes);
    const refused = await h.core.invokeAsync('screenshot.image', { id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `screenshot ${id} failed authentication (the file was altered) and is never shown` },
    });
    expect(must(await h.core.invokeAsync('screenshots.list', {}))[0]?.state).toBe('tampered');
    expect(await h.core.invokeAsync('screenshot.image', { id: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
