import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { standupDestinationDtoSchema, standupDtoSchema } from '../../common/dto';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { clockhand, clockhandJson, requireBuild, startAgent, type AgentProcess } from '../harness/agent-process';
import { signInWithCli } from '../harness/cli-sign-in';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { requireKeyring } from '../harness/keyring';

const CHANNEL = 'C0STANDUP';

function yesterdayAt(hour: number, minute = 0): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:${pad(minute)}`;
}

describe('standups with the built agent and CLI, the real keychain, and a fake Slack over loopback', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-standup-agent-'));
  const policyDir = mkdtempSync(join(tmpdir(), 'clockhand-standup-policy-'));
  const args = (...rest: string[]): string[] => ['--data-dir', dataDir, ...rest];
  const outputs: string[] = [];
  let slack: FakeSlack;
  let agent: AgentProcess;
  let env: NodeJS.ProcessEnv;

  const standup = async (...rest: string[]): Promise<z.infer<typeof standupDtoSchema>> =>
    standupDtoSchema.parse(await clockhandJson(args('standup', ...rest), env));
  const history = async (): Promise<z.infer<typeof standupDtoSchema>[]> =>
    z.array(standupDtoSchema).parse(await clockhandJson(args('standup', 'history'), env));
  const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${agent.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** `clockhand connect slack --json`, playing the browser as soon as the URL is printed. */
  const signInSlack = async (): Promise<number> => {
    const { code, stdout, stderr, browser } = await signInWithCli(dataDir, 'slack', env);
    outputs.push(stdout, stderr, browser ?? '');
    return code;
  };

  beforeAll(async () => {
    requireBuild();
    requireKeyring();
    slack = await startFakeSlack('slack-client');
    writeFileSync(
      join(policyDir, 'policies.json'),
      JSON.stringify({ version: 1, integrations: { slack: { oauth: { clientId: 'slack-client' } } } }),
    );
    env = {
      ...process.env,
      CLOCKHAND_POLICY_DIR: policyDir,
      CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
      CLOCKHAND_ENDPOINTS: JSON.stringify({ slack: slack.baseUrl }),
    };
    agent = await startAgent(dataDir, env);
  });

  afterAll(async () => {
    await agent.stop();
    await slack.close();
    await new KeytarSecretStore().delete('connection-1').catch(() => false);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('preview and edit: Yesterday from the tracked day, the user’s blockers; post refuses without a destination', async () => {
    expect((await clockhand(args('entry', 'add', 'jira:ABC-1', '--start', yesterdayAt(9), '--end', yesterdayAt(10, 30)), env)).code).toBe(
      0,
    );
    expect((await clockhand(args('settings', 'set', 'standup.weekdays', '[1,2,3,4,5,6,7]'), env)).code).toBe(0);
    const preview = await standup('preview');
    expect(preview).toMatchObject({ state: 'draft', yesterday: [{ taskRef: 'jira:ABC-1', minutes: 90 }] });
    const edited = await standup('edit', '--blockers', 'Waiting for <the> API key & review');
    expect(edited.edits.blockers).toBe('Waiting for <the> API key & review');
    const text = await clockhand(args('standup', 'preview'), env);
    expect(text.stdout).toContain('Yesterday (');
    expect(text.stdout).toContain('- ABC-1 (1h 30m)');
    expect(text.stdout).toContain('Draft (not posted)');
    const refused = await clockhand(args('standup', 'post'), env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/standup\.destination/);
    // `standup destination` shows the same problem the refusal gave, and how to fix it from here.
    const where = standupDestinationDtoSchema.parse(await clockhandJson(args('standup', 'destination'), env));
    expect(where.problem?.reason).toBe('no_destination');
    expect(refused.stderr).toContain(where.problem?.text);
    const whereText = await clockhand(args('standup', 'destination'), env);
    expect(whereText.stdout).toContain(`Cannot post: ${where.problem?.text ?? ''}`);
    expect(whereText.stdout).toContain('clockhand settings set standup.destination slack');
    const bad = await clockhand(args('settings', 'set', 'standup.slackChannel', 'general'), env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Slack channel id/);
    expect((await clockhand(args('standup', 'edit'), env)).code).toBe(2);
  });

  it('post, the agent is killed -9 while Slack has applied it, restart: reconciled, exactly one message; edits update it', async () => {
    expect(await signInSlack()).toBe(0);
    expect((await clockhand(args('settings', 'set', 'standup.destination', 'slack'), env)).code).toBe(0);
    expect((await clockhand(args('settings', 'set', 'standup.slackChannel', CHANNEL), env)).code).toBe(0);
    slack.chat.faults.push({ kind: 'hang' });
    const queued = await standup('post');
    expect(['pending', 'in_flight']).toContain(queued.state);
    await until('Slack to receive the post', () => slack.chat.messages.length === 1);
    await agent.kill9();
    agent = await startAgent(dataDir, env);
    await until('the standup to be posted', async () => (await history())[0]?.state === 'posted');
    expect(slack.chat.messages).toHaveLength(1);
    expect(slack.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(1);
    expect(slack.requests.filter((r) => r.path === '/api/conversations.history')).toHaveLength(1);
    const [posted] = await history();
    expect(posted?.remoteId).toBe(slack.chat.messages[0]?.ts);
    expect(JSON.stringify(slack.chat.messages[0]?.blocks)).toContain('Waiting for &lt;the&gt; API key &amp; review');

    // The adopted message was brought up to date once (chat.update): it might have carried an older text.
    const editsBefore = slack.chat.messages[0]?.edits ?? 0;
    expect(editsBefore).toBe(1);
    const edited = await standup('edit', '--today', 'Ship the login page');
    await until('the edit to reach Slack', () => slack.chat.messages[0]?.edits === editsBefore + 1);
    await until('the edit to be recorded', async () => (await history())[0]?.postedRevision === edited.revision);
    expect(JSON.stringify(slack.chat.messages[0]?.blocks)).toContain('Ship the login page');
    expect(slack.chat.messages).toHaveLength(1);
    const text = await clockhand(args('standup', 'history'), env);
    expect(text.stdout).toMatch(new RegExp(`posted\\s+slack ${CHANNEL}`));
    expect(slack.chat.violations).toEqual([]);
  });

  it('no Slack token is in the data directory or the agent log', () => {
    const tokens = slack.requests.map((r) => r.authorization?.replace(/^Bearer /, '') ?? '').filter((t) => t.length > 10);
    expect(tokens.length).toBeGreaterThan(0);
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const file of files) {
      const content = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      for (const token of tokens) expect(content.includes(token), file.name).toBe(false);
    }
    for (const token of tokens) expect(agent.output().includes(token) || outputs.join('').includes(token)).toBe(false);
  });
});
