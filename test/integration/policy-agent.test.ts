import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { policyChangeDtoSchema, policyViewSchema, statusDtoSchema } from '../../common/dto';
import { clockhand, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';

describe('admin policy with the real agent and CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-policy-data-'));
  const policyDir = mkdtempSync(join(tmpdir(), 'clockhand-policy-dir-'));
  const policyFile = join(policyDir, 'policies.json');
  const env = { ...process.env, CLOCKHAND_POLICY_DIR: policyDir };
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  let agent: AgentProcess;

  const writePolicy = (policy: unknown): void => {
    writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy), { mode: 0o644 });
  };
  const idleMinutes = async (): Promise<{ value: unknown; source: string; locked: boolean } | undefined> =>
    policyViewSchema.parse(await clockhandJson(args('policy'), env)).settings.find((s) => s.key === 'activity.idleMinutes');

  beforeAll(async () => {
    requireBuild();
    writePolicy({ version: 1, activity: { idleMinutes: 3 } });
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('shows the machine policy, locks its settings, and refuses to change them through the CLI', async () => {
    const view = policyViewSchema.parse(await clockhandJson(args('policy'), env));
    expect(view.sources[0]).toMatchObject({ scope: 'machine', location: policyFile, state: 'ok' });
    expect(await idleMinutes()).toMatchObject({ value: 3, source: 'machine', locked: true });

    const refused = await clockhand(args('settings', 'set', 'activity.idleMinutes', '9', '--json'), env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'policy_locked' } });
    const human = await clockhand(args('settings', 'set', 'activity.idleMinutes', '9'), env);
    expect(human.stderr).toContain(`set by your organization (machine policy ${policyFile})`);

    const allowed = await clockhandJson(args('settings', 'set', 'activity.idlePromptMinutes', '15'), env);
    expect(allowed).toMatchObject({ key: 'activity.idlePromptMinutes', value: 15, source: 'user', locked: false });
    const text = await clockhand(args('policy'), env);
    expect(text.stdout).toMatch(/activity\.idleMinutes\s+3\s+machine policy\s+\(locked\)/);
  });

  it('applies a changed file within 5 seconds, and writes a sentence to the history', async () => {
    writePolicy({ version: 1, activity: { idleMinutes: 3 }, screenshots: { mode: 'required', intervalMinutes: 2 } });
    const changedAt = Date.now();
    await vi.waitFor(
      async () => {
        const view = policyViewSchema.parse(await clockhandJson(args('policy'), env));
        expect(view.settings.find((s) => s.key === 'screenshots.mode')).toMatchObject({ value: 'required', locked: true });
      },
      { timeout: 5_000, interval: 250 },
    );
    expect(Date.now() - changedAt).toBeLessThan(5_000);
    const history = z.array(policyChangeDtoSchema).parse(await clockhandJson(args('policy', 'history'), env));
    expect(history.map((c) => c.sentence)).toContain('Your organization turned on screenshots every 2 minutes.');
    const human = await clockhand(args('policy', 'history'), env);
    expect(human.stdout).toContain('Your organization turned on screenshots every 2 minutes.');
    // ... and raised a notification (the headless agent logs its title; notify-send shows it where there is one).
    expect(agent.output()).toMatch(/"message":"notification","title":"Your organization changed Clockhand settings"/);
  });

  it('keeps the last valid policy when the file breaks, and says so in status', async () => {
    writePolicy('{ "version": 1, "activity": { "idleMinutes": ');
    await vi.waitFor(
      async () => {
        const status = statusDtoSchema.parse(await clockhandJson(args('status'), env));
        expect(status.policy.problem).toMatch(/invalid .*not valid JSON.*last valid policy still applies/);
      },
      { timeout: 5_000, interval: 250 },
    );
    expect(await idleMinutes()).toMatchObject({ value: 3, source: 'machine', locked: true });
    expect((await clockhand(args('status'), env)).stdout).toMatch(/Policy: +PROBLEM/);
    expect(agent.output()).toMatch(/policy could not be applied/);
  });

  it("removing the file returns the user's own choices", async () => {
    const own = await clockhand(args('settings', 'set', 'activity.idleMinutes', '9'), env);
    expect(own.code).toBe(1); // still locked by the last valid policy
    unlinkSync(policyFile);
    await vi.waitFor(
      async () => {
        expect(await idleMinutes()).toMatchObject({ value: 5, source: 'default', locked: false });
      },
      { timeout: 5_000, interval: 250 },
    );
    expect(await clockhandJson(args('settings', 'set', 'activity.idleMinutes', '9'), env)).toMatchObject({ value: 9, source: 'user' });
    const status = statusDtoSchema.parse(await clockhandJson(args('status'), env));
    expect(status.policy).toEqual({ problem: null, lockedSettings: 0 });
  });
});
