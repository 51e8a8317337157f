import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { screenshotDtoSchema, screenshotStatusSchema, statusDtoSchema } from '../../common/dto';
import { MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { imageMagic } from '../fakes/test-images';
import { clockhand, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { holdDisplay, moveMouse } from '../harness/xdotool';
import { requireDisplay } from '../harness/xvfb';
import { requireKeyring } from '../harness/keyring';
import { runTool } from '../harness/run-tool';

const COLOUR = { r: 0x33, g: 0x66, b: 0xcc };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

const listSchema = z.array(screenshotDtoSchema);

describe('screenshots end to end: built agent, CLI, Xvfb, keychain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-shots-e2e-'));
  const dataDir = join(dir, 'data');
  const policyDir = join(dir, 'policy');
  const outDir = join(dir, 'out');
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const keychain = new KeytarSecretStore();
  let env: NodeJS.ProcessEnv;
  let agent: AgentProcess;
  let release: () => Promise<void>;

  beforeAll(async () => {
    requireBuild();
    requireDisplay();
    requireKeyring();
    await keychain.delete(MASTER_KEY_ACCOUNT);
    mkdirSync(policyDir);
    mkdirSync(outDir);
    release = await holdDisplay();
    await runTool('xsetroot', ['-solid', '#3366cc']);
    env = { ...process.env, CLOCKHAND_POLICY_DIR: policyDir };
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await release();
    await keychain.delete(MASTER_KEY_ACCOUNT);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is off by default, and once enabled captures while tracking and active, announced in status', { timeout: 150_000 }, async () => {
    const before = statusDtoSchema.parse(await clockhandJson(args('status'), env));
    expect(before.screenshots).toMatchObject({ enabled: false, active: false });
    await clockhandJson(args('settings', 'set', 'screenshots.intervalMinutes', '1'), env);
    const enabled = screenshotStatusSchema.parse(await clockhandJson(args('screenshots', 'enable'), env));
    expect(enabled).toMatchObject({ enabled: true, intervalMinutes: 1, lockedBy: null });
    await clockhandJson(args('start', 'local:e2e'), env);
    let list: z.infer<typeof listSchema> = [];
    const deadline = Date.now() + 130_000;
    for (let step = 0; list.length === 0 && Date.now() < deadline; step += 1) {
      await moveMouse(100 + (step % 50) * 10, 200);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      list = listSchema.parse(await clockhandJson(args('screenshots', 'list'), env));
    }
    expect(list.length).toBeGreaterThan(0);
    const [shot] = list;
    expect(shot).toMatchObject({ width: 1920, height: 1080, taskRef: 'local:e2e', state: 'ok', blurred: false });
    const status = statusDtoSchema.parse(await clockhandJson(args('status'), env));
    expect(status.screenshots).toMatchObject({ enabled: true, active: true, problem: null });
    expect(status.screenshots?.lastCaptureAt).not.toBeNull();
    expect((await clockhand(args('status'), env)).stdout).toMatch(/Screens: +on, every 1 min; active/);
  });

  it('keeps only ciphertext in the data directory and the master key only in the keychain', async () => {
    const master = await keychain.get(MASTER_KEY_ACCOUNT);
    expect(master).not.toBeNull();
    const raw = Buffer.from(master ?? '', 'base64');
    expect(raw).toHaveLength(32);
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('.full.chs'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(imageMagic(bytes), file).toBeNull();
      expect(bytes.includes(raw), file).toBe(false);
      expect(bytes.includes(Buffer.from(master ?? '')), file).toBe(false);
    }
  });

  it('exports a decrypted PNG outside the data directory only', async () => {
    const [shot] = listSchema.parse(await clockhandJson(args('screenshots', 'list'), env));
    const id = shot?.id ?? '';
    const out = join(outDir, 'shot.png');
    const exported = await clockhand(args('screenshots', 'export', id, '--out', out), env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const { data, info } = await sharp(readFileSync(out)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1920, 1080]);
    // The pointer may be anywhere; the corner pixel is the background.
    expect([data[0], data[1], data[2]]).toEqual([COLOUR.r, COLOUR.g, COLOUR.b]);
    const inside = await clockhand(args('screenshots', 'export', id, '--out', join(dataDir, 'leak.png'), '--json'), env);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/invalid_input/);
    expect(filesUnder(dataDir).some((f) => f.endsWith('leak.png'))).toBe(false);
    expect((await clockhand(args('screenshots', 'list', '--day', '20-11-2026'), env)).code).toBe(2);
  });

  it('follows the policy: required refuses disable, allowUserDelete false refuses delete; deleting keeps tracked time', async () => {
    writeFileSync(
      join(policyDir, 'policies.json'),
      JSON.stringify({ version: 1, screenshots: { mode: 'required', allowUserDelete: false } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const refused = await clockhand(args('screenshots', 'disable', '--json'), env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/policy_locked/);
    const [shot] = listSchema.parse(await clockhandJson(args('screenshots', 'list'), env));
    const id = shot?.id ?? '';
    const noDelete = await clockhand(args('screenshots', 'delete', id, '--json'), env);
    expect(noDelete.stderr).toMatch(/policy_locked/);

    rmSync(join(policyDir, 'policies.json'));
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const entriesBefore = z.array(z.object({ id: z.number() })).parse(await clockhandJson(args('entries'), env));
    const deleted = await clockhand(args('screenshots', 'delete', id), env);
    expect(deleted.code).toBe(0);
    expect(listSchema.parse(await clockhandJson(args('screenshots', 'list'), env)).map((s) => s.id)).not.toContain(id);
    expect(filesUnder(dataDir).some((f) => f.includes(id))).toBe(false);
    const entriesAfter = z.array(z.object({ id: z.number() })).parse(await clockhandJson(args('entries'), env));
    expect(entriesAfter.map((e) => e.id)).toEqual(entriesBefore.map((e) => e.id));
    // Back to the user's own choice: on, and the user may turn it off.
    const off = screenshotStatusSchema.parse(await clockhandJson(args('screenshots', 'disable'), env));
    expect(off).toMatchObject({ enabled: false, lockedBy: null });
  });
});
