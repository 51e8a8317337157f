import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { screenshotDtoSchema } from '../../common/dto';
import { exportFileSchema } from '../../common/export-schema';
import { MASTER_KEY_ACCOUNT } from '../../main/adapters/node/screenshots/encrypted-vault';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { clockhand, clockhandJson, clockhandWithInput, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { holdDisplay, moveMouse } from '../harness/xdotool';
import { requireDisplay } from '../harness/xvfb';
import { readZip } from '../harness/zip-reader';
import { imageMagic } from '../fakes/test-images';
import { requireKeyring } from '../harness/keyring';

const API_TOKEN = 'ATATT3xFfGF0-erase-token-5c1d';

function walk(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
}

describe('export and erase end to end: built agent, CLI, real keychain, real screenshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-erase-'));
  const dataDir = join(dir, 'data');
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const keychain = new KeytarSecretStore();
  let jira: FakeJira;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;
  let release: () => Promise<void>;

  beforeAll(async () => {
    requireBuild();
    requireDisplay();
    requireKeyring();
    jira = await startFakeJira([{ email: 'ada@example.com', apiToken: API_TOKEN, accountId: '557058:ada', displayName: 'Ada Lovelace' }]);
    env = { ...process.env, CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1', CLOCKHAND_ENDPOINTS: JSON.stringify({ jira: jira.baseUrl }) };
    release = await holdDisplay();
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await release();
    await jira.close();
    for (const account of await keychain.accounts()) await keychain.delete(account);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds up data: a connection secret, a screenshot (master key + files), entries', { timeout: 150_000 }, async () => {
    const connected = await clockhandWithInput(
      args('connect', 'jira', '--site', 'https://acme.atlassian.net', '--email', 'ada@example.com', '--json'),
      `${API_TOKEN}\n`,
      env,
    );
    expect(connected.stderr).toBe('');
    await clockhandJson(args('settings', 'set', 'screenshots.intervalMinutes', '1'), env);
    await clockhandJson(args('screenshots', 'enable'), env);
    await clockhandJson(args('start', 'local:=HYPERLINK("x")', '--note', '@evil, "quoted"'), env);
    let shots = 0;
    const deadline = Date.now() + 130_000;
    for (let step = 0; shots === 0 && Date.now() < deadline; step += 1) {
      await moveMouse(100 + (step % 50) * 10, 200);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      shots = z.array(screenshotDtoSchema).parse(await clockhandJson(args('screenshots', 'list'), env)).length;
    }
    expect(shots).toBeGreaterThan(0);
    await clockhandJson(args('stop'), env);
    expect(await keychain.accounts()).toEqual(expect.arrayContaining(['connection-1', MASTER_KEY_ACCOUNT]));
    expect(walk(dataDir)).toEqual(expect.arrayContaining(['clockhand.db', 'screenshots']));
    expect(walk(dataDir).some((name) => name.endsWith('.full.chs'))).toBe(true);
  });

  it('exports through the CLI: JSON and CSV files written by the agent, never inside the data directory', async () => {
    const json = join(dir, 'entries.json');
    const result = z
      .object({ path: z.string(), entries: z.number(), bytes: z.number() })
      .parse(await clockhandJson(args('export', '--format', 'json', '--out', json), env));
    expect(result).toEqual({ path: json, entries: 1, bytes: readFileSync(json).length });
    const file = exportFileSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(file.entries[0]).toMatchObject({ taskRef: 'local:=HYPERLINK("x")', note: '@evil, "quoted"', origin: 'timer' });
    const csv = join(dir, 'entries.csv');
    expect((await clockhand(args('export', '--format', 'csv', '--out', csv), env)).stdout).toMatch(/^Exported 1 entries/);
    expect(readFileSync(csv, 'utf8')).toContain(`,"'@evil, ""quoted""",timer\r\n`);
    const inside = await clockhand(args('export', '--format', 'csv', '--out', join(dataDir, 'x.csv')), env);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/never written inside the data directory/);
    expect((await clockhand(args('export', '--format', 'xml', '--out', csv), env)).code).toBe(2);
    // The archive holds the screenshot, decrypted by the agent straight into the zip, and no secret.
    const zip = join(dir, 'everything.zip');
    const archived = z
      .object({ path: z.string(), entries: z.number(), bytes: z.number(), screenshots: z.number() })
      .parse(await clockhandJson(args('export', '--format', 'archive', '--out', zip), env));
    expect(archived).toMatchObject({ path: zip, entries: 1 });
    expect(archived.screenshots).toBeGreaterThan(0);
    const members = await readZip(zip);
    const pngs = [...members].filter(([name]) => name.startsWith('screenshots/') && name.endsWith('.png'));
    expect(pngs).toHaveLength(archived.screenshots);
    for (const [, png] of pngs) expect(imageMagic(png)).toBe('png');
    expect(JSON.parse(members.get('connections.json')?.toString('utf8') ?? '')).toMatchObject([{ provider: 'jira' }]);
    for (const [, bytes] of members) expect(bytes.includes(API_TOKEN)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('erase without --yes is a usage error and deletes nothing', async () => {
    const refused = await clockhand(args('erase'), env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/clockhand erase --yes/);
    expect((await clockhand(args('status', '--json'), env)).code).toBe(0);
    expect(await keychain.accounts()).toContain('connection-1');
  });

  it('erase --yes stops the agent and leaves nothing: no data directory content, no Clockhand keychain entries', async () => {
    const erased = await clockhand(args('erase', '--yes'), env);
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/Erased\. The agent has stopped\./);
    expect(await agent.exited).toEqual({ code: 0, signal: null });
    expect(agent.output()).toMatch(/Clockhand data erased/);
    expect(agent.output()).not.toMatch(/erase failed/);
    expect(walk(dataDir)).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
    expect(await keychain.accounts()).toEqual([]);
    // The exports the user made outside stay theirs.
    expect(existsSync(join(dir, 'entries.json'))).toBe(true);
    // Again, with no agent: nothing to do, still success.
    const again = await clockhand(args('erase', '--yes'), env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Erased\. The data directory/);
    expect((await clockhand(args('status'), env)).code).toBe(3);
  });
});
