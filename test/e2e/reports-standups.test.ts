import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { clockhand } from '../harness/agent-process';
import { seriousViolations } from '../harness/window-page';
import { signInWithCli } from '../harness/cli-sign-in';
import { artifacts, Cleanups, startWindowRig, type WindowRig } from '../harness/window-rig';
import { readZip } from '../harness/zip-reader';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';

const BLOCKERS = 'Waiting for <the> API key & review <img src=x onerror="window.__pwned=1">';

const pad = (n: number): string => String(n).padStart(2, '0');
const calendarDay = (d: Date): string => `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const now = new Date();
/** Yesterday: a working day (the test makes every day one), whose ledger and standup the test reads. */
const yesterday = calendarDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
/** Two months back: a month with entries and nothing else in it. */
const monthBack = new Date(now.getFullYear(), now.getMonth() - 2, 10);
const monthBackDay = (day: number): string => calendarDay(new Date(monthBack.getFullYear(), monthBack.getMonth(), day));
/** How many "Previous month" steps lead from yesterday's month to that month. */
const monthSteps =
  (new Date(`${yesterday}T12:00`).getFullYear() - monthBack.getFullYear()) * 12 +
  new Date(`${yesterday}T12:00`).getMonth() -
  monthBack.getMonth();

describe('Reports, the working-day ledger, standups and the archive export in Chromium against the real core', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let slack: FakeSlack;
  let rig: WindowRig;
  let page: Page;
  const cleanups = new Cleanups();

  const cli = async (...args: string[]): Promise<void> => {
    const result = await clockhand(['--data-dir', dataDir, ...args], env);
    if (result.code !== 0) throw new Error(`clockhand ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  };
  /** The view in light and dark, as PNGs under .test-artifacts/ui/, each checked with axe-core. */
  const shootBoth = async (name: string): Promise<void> => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Charts read the theme's colours when they are drawn (a view opened in dark mode draws them dark).
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(artifacts, `${name}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const pwned = (): Promise<unknown> => page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);

  beforeAll(async () => {
    rig = await startWindowRig(cleanups, {
      tempPrefix: 'clockhand-e2e-reports-',
      policy: { version: 1, integrations: { slack: { oauth: { clientId: 'slack-client' } } } },
      services: async () => {
        slack = await startFakeSlack('slack-client');
        cleanups.add(() => slack.close());
        return { slack: slack.baseUrl };
      },
      beforeWindow: async (core) => {
        ({ dataDir, env } = core);
        cleanups.add(async () => {
          await new KeytarSecretStore().delete('connection-1').catch(() => false);
        });
        // Every day is a working day (09:00–17:00) and a standup day, whatever day the test runs on.
        await cli('settings', 'set', 'workingHours.days', '[1,2,3,4,5,6,7]');
        await cli('settings', 'set', 'standup.weekdays', '[1,2,3,4,5,6,7]');
        // Yesterday: 09:00–10:30 and 13:00–17:00 tracked, so 10:30–13:00 is untracked within the working hours.
        await cli('entry', 'add', 'local:Design review', '--start', `${yesterday}T09:00`, '--end', `${yesterday}T10:30`);
        await cli('entry', 'add', 'local:Planning', '--start', `${yesterday}T13:00`, '--end', `${yesterday}T17:00`);
        // Two months back: 3 h of planning and 1 h 30 m of design review.
        await cli('entry', 'add', 'local:Planning', '--start', `${monthBackDay(10)}T09:00`, '--end', `${monthBackDay(10)}T12:00`);
        await cli('entry', 'add', 'local:Design review', '--start', `${monthBackDay(11)}T14:00`, '--end', `${monthBackDay(11)}T15:30`);
        // Standups go to Slack (signed in through the CLI, the browser played against the fake).
        const signedIn = await signInWithCli(dataDir, 'slack', env);
        if (signedIn.code !== 0)
          throw new Error(`clockhand connect slack failed: ${signedIn.stderr} (${signedIn.browser ?? 'no browser visit'})`);
        await cli('settings', 'set', 'standup.destination', 'slack');
        await cli('settings', 'set', 'standup.slackChannel', 'C0STANDUP');
      },
    });
    page = rig.page;
  });

  afterAll(() => cleanups.run());

  it('shows yesterday’s working-day ledger with the untracked time within working hours', async () => {
    await rig.go('Reports');
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: 'Day' }).click();
    await page.getByRole('button', { name: 'Previous day' }).click();
    const ledger = page.getByRole('region', { name: 'Working day' });
    const totals = ledger.getByLabel('Working day totals');
    await expect.poll(() => totals.textContent(), { timeout: 15_000 }).toContain('Untracked in working hours2h 30m');
    expect(await totals.textContent()).toContain('Working hours09:00–17:00');
    expect(await totals.textContent()).toContain('Tracked5h 30m');
    const rows = ledger.getByRole('row');
    const texts = (await rows.allTextContents()).slice(1);
    expect(texts).toEqual([
      '09:00–10:30TrackedLocalDesign review1h 30m',
      '10:30–13:00Untracked2h 30m',
      '13:00–17:00TrackedLocalPlanning4h 00m',
    ]);
    await shootBoth('reports-day-ledger');
  });

  it('shows a month with entries: totals by task, project and provider, and steps between months', async () => {
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: 'Month' }).click();
    for (let i = 0; i < monthSteps; i += 1) await page.getByRole('button', { name: 'Previous month' }).click();
    const monthName = monthBack.toLocaleDateString('en', { month: 'long', year: 'numeric' });
    await expect.poll(() => page.locator('.view-head .subtle').textContent()).toBe(monthName);
    const tasks = page.getByRole('list', { name: 'Totals by task' });
    await expect.poll(() => tasks.allTextContents(), { timeout: 15_000 }).toEqual(['LocalPlanning3h 00mLocalDesign review1h 30m']);
    expect(await page.getByRole('list', { name: 'By provider' }).textContent()).toBe('Local tasks4h 30m');
    expect(await page.getByRole('list', { name: 'By project' }).textContent()).toBe('No project4h 30m');
    const stats = await page.locator('dl.stats').textContent();
    expect(stats).toContain('Tracked4h 30m');
    expect(stats).toContain('Tasks2');
    expect(await page.getByRole('heading', { name: 'By day' }).count()).toBe(1);
    expect(await page.locator('canvas').count()).toBe(2);
    await shootBoth('reports-month');
    // One month later holds nothing of these entries (unless it is yesterday's month).
    await page.getByRole('button', { name: 'Next month' }).click();
    if (monthSteps > 1) await expect.poll(() => page.getByText('Nothing tracked in this range.').count()).toBe(1);
  });

  it('previews, edits and posts the standup to Slack; a refusal shows as text and trying again posts it', async () => {
    await rig.go('Standup');
    const text = page.getByLabel('Standup text');
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain('Design review');
    expect(await text.textContent()).toContain('Planning');
    expect(await page.getByRole('region', { name: 'Where it goes' }).textContent()).toContain('Slack · channel C0STANDUP');
    // An empty section stands for the composed one, shown as the field's placeholder.
    expect(await page.getByLabel('Yesterday').getAttribute('placeholder')).toBe('Planning (4h 00m)\nDesign review (1h 30m)');
    await page.getByLabel('Blockers').fill(BLOCKERS);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text.textContent()).toContain(BLOCKERS);

    slack.chat.faults.push({ kind: 'ok-false', error: 'not_in_channel' });
    await page.getByRole('button', { name: 'Post' }).click();
    const status = page.locator('.standup-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Not posted');
    expect(await page.getByRole('region', { name: 'Preview' }).textContent()).toContain('Slack refused the standup: not_in_channel');
    await shootBoth('standup-needs-attention');

    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Posted at \d\d:\d\d to slack C0STANDUP\.$/);
    expect(slack.chat.messages).toHaveLength(1);
    expect(slack.chat.messages[0]?.channel).toBe('C0STANDUP');
    expect(JSON.stringify(slack.chat.messages[0]?.blocks)).toContain('Waiting for &lt;the&gt; API key &amp; review');
    const history = page.getByRole('list', { name: 'History' }).getByRole('listitem').first();
    await expect.poll(() => history.textContent()).toContain('Posted');
    expect(await history.textContent()).toContain('slack C0STANDUP');
    expect(await pwned()).toBeUndefined();
    await shootBoth('standup');
  });

  it('exports the archive (zip) from Privacy to a .zip on disk', async () => {
    await rig.go('Privacy');
    await page.getByLabel('Format').selectOption('archive');
    const path = page.getByLabel('Save to (absolute path, outside the data folder)');
    const out = join(rig.dir, 'clockhand-export.zip');
    await expect.poll(() => path.inputValue()).toBe(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const done = page.getByRole('region', { name: 'Export' }).getByRole('status');
    await expect.poll(() => done.textContent(), { timeout: 30_000 }).toBe(`Exported 4 entries and 0 screenshots to ${out}.`);
    expect(existsSync(out)).toBe(true);
    const zip = await readZip(out);
    expect([...zip.keys()]).toEqual(expect.arrayContaining(['entries.json', 'entries.csv', 'policy-history.json', 'manifest.json']));
    expect(zip.get('entries.csv')?.toString('utf8')).toContain('local:Design review');
    await page.getByRole('region', { name: 'Export' }).scrollIntoViewIfNeeded();
    await shootBoth('privacy-archive');
  });

  it('ran without script errors or CSP violations', () => {
    expect(rig.problems).toEqual([]);
  });
});
