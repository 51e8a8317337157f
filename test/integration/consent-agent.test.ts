import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentViewSchema, statusDtoSchema } from '../../common/dto';
import { clockhand, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { requireDisplay } from '../harness/xvfb';
import { holdDisplay, moveMouse } from '../harness/xdotool';

/** Moves the pointer every 200 ms for `ms`. */
async function wiggle(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 200) {
    await moveMouse(100 + (t % 400), 200 + ((t / 200) % 2) * 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('first-run consent with the built agent and the real input hook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clockhand-consent-'));
  const dataDir = join(dir, 'data');
  const policyDir = join(dir, 'policy');
  const env = { ...process.env, CLOCKHAND_POLICY_DIR: policyDir };
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  let agent: AgentProcess | null = null;
  let release: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    requireBuild();
    requireDisplay();
    mkdirSync(policyDir, { recursive: true });
    release = await holdDisplay();
  });

  afterAll(async () => {
    await agent?.stop();
    await release();
    rmSync(dir, { recursive: true, force: true });
  });

  const status = async () => statusDtoSchema.parse(await clockhandJson(args('status'), env));

  it('a fresh data directory records nothing before consent; after clockhand consent --accept it does', { timeout: 90_000 }, async () => {
    agent = await startAgent(dataDir, env, { consent: false });
    expect((await status()).consent).toMatchObject({ state: 'required', recording: false });
    await wiggle(3_000);
    expect((await status()).activity.activeSecondsToday).toBe(0);
    const refused = await clockhand(args('start', 'local:x', '--json'), env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'consent_required' } });
    const shown = await clockhand(args('consent'), env);
    expect(shown.stdout).toMatch(/never which key/i);
    expect(shown.stdout).toMatch(/NOT GIVEN/);
    expect((await clockhand(args('status'), env)).stdout).toMatch(/Consent: +NOT GIVEN/);

    const accepted = consentViewSchema.parse(await clockhandJson(args('consent', '--accept'), env));
    expect(accepted).toMatchObject({ state: 'given', recording: true, givenBy: 'user', policyVersion: 'none' });
    await clockhandJson(args('start', 'local:x'), env);
    await wiggle(3_000);
    const after = await status();
    expect(after.activity.activeSecondsToday).toBeGreaterThan(0);
    expect(after.timer.running).toBe(true);

    // Stored: a restart keeps the consent and its time.
    await agent.stop();
    agent = await startAgent(dataDir, env, { consent: false });
    expect((await status()).consent).toMatchObject({ state: 'given', acceptedAt: accepted.acceptedAt });
    await agent.stop();
    agent = null;
  });

  it("a policy can record consent on the user's behalf, and says so", { timeout: 60_000 }, async () => {
    writeFileSync(join(policyDir, 'policies.json'), JSON.stringify({ version: 1, consent: { recordedByOrganization: true } }));
    const other = join(dir, 'org-data');
    agent = await startAgent(other, env, { consent: false });
    const view = consentViewSchema.parse(await clockhandJson(['--data-dir', other, 'consent'], env));
    expect(view).toMatchObject({ state: 'given_by_organization', recording: true, givenBy: 'organization' });
    expect(view.collects.join(' ')).toMatch(/organization has recorded consent on your behalf/);
    expect((await clockhand(['--data-dir', other, 'status'], env)).stdout).toMatch(/recorded by your organization/);
    const own = await clockhand(['--data-dir', other, 'settings', 'set', 'consent.recordedByOrganization', 'false'], env);
    expect(own.code).toBe(1);
    await clockhandJson(['--data-dir', other, 'start', 'local:y'], env);
  });
});
