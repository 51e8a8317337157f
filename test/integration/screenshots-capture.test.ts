import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptedScreenshotVault, MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { VaultWorkerClient } from '../../main/adapters/node/screenshots/vault-worker-client';
import { silentLogger } from '../../main/core/ports/logger';
import type { ScreenshotRef } from '../../main/core/ports/screenshots';
import { openDatabase } from '../../main/store/database';
import { createDayKeyRepository } from '../../main/store/screenshot-repository';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { ScreenshotDesktopCapturer } from '../../native/screen-capture/screenshot-desktop-capturer';
import { WorkerCaptureBackend } from '../../native/screen-capture/worker-capture-backend';
import { imageMagic } from '../fakes/test-images';
import { repoRoot } from '../harness/agent-process';
import { tsWorker } from '../harness/ts-worker';
import { holdDisplay } from '../harness/xdotool';
import { requireDisplay } from '../harness/xvfb';
import { runTool } from '../harness/run-tool';

const FG = { r: 0xcc, g: 0x33, b: 0x66 };
const BG = { r: 0x22, g: 0xaa, b: 0x44 };
const hex = (c: { r: number; g: number; b: number }): string => `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** A 16x16 XBM whose left 8 columns are set: tiled on the root window, 8-pixel vertical stripes. */
function stripesXbm(): string {
  const rows = Array.from({ length: 16 }, () => '0xff, 0x00').join(', ');
  return `#define stripes_width 16\n#define stripes_height 16\nstatic unsigned char stripes_bits[] = {\n  ${rows}};\n`;
}

describe('capturing the Xvfb screen with the real screenshot-desktop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-capture-'));
  const dataDir = join(dir, 'data');
  const secrets = new KeytarSecretStore();
  let release: () => Promise<void>;
  let worker: VaultWorkerClient;
  let vault: EncryptedScreenshotVault;
  let db: ReturnType<typeof openDatabase>;
  let screen: { width: number; height: number };

  beforeAll(async () => {
    requireDisplay();
    // Keep a client connected: the test Xvfb resets (and forgets the root pattern) when its last client leaves.
    release = await holdDisplay();
    const xbm = join(dir, 'stripes.xbm');
    writeFileSync(xbm, stripesXbm());
    await runTool('xsetroot', ['-bitmap', xbm, '-fg', hex(FG), '-bg', hex(BG)]);
    const current = /current (\d+) x (\d+)/.exec(await runTool('xrandr', ['--current']));
    screen = { width: Number(current?.[1]), height: Number(current?.[2]) };
    mkdirSync(dataDir);
    db = openDatabase(join(dataDir, 'clockhand.db'));
    worker = new VaultWorkerClient(tsWorker(join(repoRoot, 'main', 'adapters', 'node', 'screenshots', 'vault-worker.ts')));
    vault = new EncryptedScreenshotVault({
      dataDir,
      secrets,
      dayKeys: createDayKeyRepository(db),
      worker,
      now: () => 0,
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await worker.close();
    db.close();
    await secrets.delete(MASTER_KEY_ACCOUNT);
    await release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captures every display; decrypted, the image has the screen size and the drawn pixels; only ciphertext is ever on disk', async () => {
    // screenshot-desktop runs in its worker thread, as in production.
    const backend = new WorkerCaptureBackend(tsWorker(join(repoRoot, 'native', 'screen-capture', 'capture-worker.ts')));
    const capturer = new ScreenshotDesktopCapturer({ env: process.env, platform: process.platform, backend });
    const result = await capturer.capture();
    backend.reset();
    if (!result.ok) throw new Error(result.reason);
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    if (image === undefined) throw new Error('no image');
    expect(image.format).toBe('bmp');

    const ref: ScreenshotRef = { id: 'capture-1', capturedAt: 1_700_000_000_000, day: '2026-11-20', display: image.display };
    const dayDir = join(dataDir, 'screenshots', ref.day);
    mkdirSync(dayDir, { recursive: true });
    // Watch every name that appears while the worker writes, and what it holds at that moment.
    const seen: { name: string; magic: string | null; head: string }[] = [];
    const watcher = watch(dayDir, (_event, name) => {
      if (name === null) return;
      try {
        const bytes = readFileSync(join(dayDir, name));
        seen.push({ name, magic: imageMagic(bytes), head: bytes.subarray(0, 4).toString('latin1') });
      } catch {
        seen.push({ name, magic: null, head: '' }); // already renamed
      }
    });
    try {
      expect(await vault.seal(ref, image, { blur: false })).toMatchObject(screen);
    } finally {
      watcher.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const entry of seen) {
      // The file itself, or the atomic write's temp file next to it (".<name>.<random>.partial").
      expect(entry.name).toMatch(/^(capture-1\.(full|thumb)\.chs|\.capture-1\.(full|thumb)\.chs\.[0-9a-f]{12}\.partial)$/);
      expect(entry.magic).toBeNull();
      expect(['', 'CHSS', 'CHS', 'CH', 'C']).toContain(entry.head);
    }
    for (const name of readdirSync(dayDir)) expect(imageMagic(readFileSync(join(dayDir, name)))).toBeNull();

    const opened = await vault.open(ref, 'full');
    if (!opened.ok) throw new Error(opened.message);
    const { data, info } = await sharp(opened.png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect({ width: info.width, height: info.height }).toEqual(screen);
    let mismatches = 0;
    for (let y = 0; y < info.height; y += 37) {
      for (let x = 0; x < info.width; x += 5) {
        const expected = x % 16 < 8 ? FG : BG;
        const i = (y * info.width + x) * 3;
        if (data[i] !== expected.r || data[i + 1] !== expected.g || data[i + 2] !== expected.b) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('reports a missing display and a capture tool that never answers, instead of hanging', async () => {
    const noDisplay = new ScreenshotDesktopCapturer({ env: {}, platform: 'linux' });
    expect(await noDisplay.capture()).toEqual({ ok: false, reason: 'no X display to capture (DISPLAY is not set)' });
    const wayland = new ScreenshotDesktopCapturer({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' });
    expect(await wayland.capture()).toMatchObject({ ok: false, reason: expect.stringMatching(/Wayland/) as unknown });
    // screenshot-desktop's promise never settles when xrandr fails: the deadline turns that into a reason.
    let resets = 0;
    const stuck = {
      listDisplays: () => new Promise<never>(() => undefined),
      grab: () => new Promise<never>(() => undefined),
      reset: () => {
        resets += 1;
      },
    };
    const hanging = new ScreenshotDesktopCapturer({ env: { DISPLAY: ':0' }, platform: 'linux', timeoutMs: 200, backend: stuck });
    expect(await hanging.capture()).toEqual({ ok: false, reason: 'listing the displays did not finish within 0.2 s' });
    expect(resets).toBe(1);
  });
});
