import { NEVER_COLLECTED } from '../../main/core/consent/consent-text';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJira, type FakeJira } from '../fakes/fake-jira-server';
import { fakeJiraWorklogs, type FakeWorklogs } from '../fakes/fake-jira-worklogs';
import { seriousViolations, until } from '../harness/window-page';
import { Cleanups, startWindowRig, type WindowRig } from '../harness/window-rig';
import { moveMouse } from '../harness/xdotool';

const TOKEN = 'ATATT-e2e-window-token';
/** Texts that would run script if the window rendered them as HTML; any of them sets window.__pwned. */
const XSS_TITLE = '<img src=x onerror="window.__pwned=1">Rotate <b>certs</b>';
const XSS_NOTE = '<script>window.__pwned=2</script>"><svg onload="window.__pwned=3">';
const XSS_VENDOR = '<img src=y onerror="window.__pwned=4"> is not a valid worklog';

describe('the window in Chromium against the real core (dev:browser harness)', () => {
  let jira: FakeJira;
  let worklogs: FakeWorklogs;
  let rig: WindowRig;
  let page: Page;
  const cleanups = new Cleanups();

  const pwned = (): Promise<unknown> => page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);
  let mouseStep = 0;
  const wiggle = async (): Promise<void> => {
    mouseStep += 1;
    await moveMouse(200 + (mouseStep % 40) * 10, 300 + (mouseStep % 7) * 10);
    await new Promise((resolve) => setTimeout(resolve, 700));
  };

  beforeAll(async () => {
    rig = await startWindowRig(cleanups, {
      tempPrefix: 'clockhand-e2e-',
      // The organization locks the idle threshold (1 minute, so the test can go idle) and requires screenshots every minute.
      policy: { version: 1, activity: { idleMinutes: 1 }, screenshots: { mode: 'required', intervalMinutes: 1 } },
      services: async () => {
        worklogs = await fakeJiraWorklogs();
        worklogs.assigned = [
          { key: 'PROJ-12', summary: 'Checkout page loads slowly', status: 'In Progress', project: 'Portal' },
          { key: 'OPS-7', summary: XSS_TITLE, status: 'To Do', project: 'Ops' },
        ];
        jira = await startFakeJira(
          [{ email: 'ada@example.com', apiToken: TOKEN, accountId: '557058:ada', displayName: 'Ada Lovelace' }],
          {},
          worklogs.routes,
        );
        cleanups.add(() => jira.close());
        return { jira: jira.baseUrl };
      },
      // A coloured desktop, so the captured screenshot shows something.
      desktop: '#3d5a80',
    });
    page = rig.page;
  });

  afterAll(() => cleanups.run());

  it('takes the token out of the address bar and refuses a second page without it', async () => {
    expect(page.url()).not.toContain('token');
    const stranger = await rig.browser.newPage();
    await stranger.goto(rig.harness.url.replace(/#.*$/, ''));
    await expect.poll(() => stranger.textContent('[role=status]')).toBe('Not connected to the Clockhand core.');
    await stranger.close();
  });

  it('connects Jira through connection.add against the fake over loopback', async () => {
    await rig.go('Integrations');
    await page.getByRole('button', { name: 'Connect…' }).click();
    await page.getByLabel('Site', { exact: true }).fill('https://acme.atlassian.net');
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await page.getByLabel('Token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const row = page.getByRole('list', { name: 'Connections' }).getByRole('listitem');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Connected');
    expect(await row.textContent()).toContain('Ada Lovelace');
    expect(await page.content()).not.toContain(TOKEN);
    expect(jira.requests.some((r) => r.path === '/rest/api/3/myself')).toBe(true);
    await rig.shoot('integrations');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('picks an assigned issue, starts with a note, and shows titles and notes only as text', async () => {
    await rig.go('Today');
    const picker = page.getByRole('combobox', { name: 'Task' });
    await picker.fill('certs');
    const xssOption = page.getByRole('option').filter({ hasText: 'Rotate' });
    await expect.poll(() => xssOption.textContent(), { timeout: 15_000 }).toContain(XSS_TITLE);
    await picker.fill('checkout');
    await page.getByRole('option', { name: /Checkout page loads slowly/ }).click();
    await page.getByLabel('Note').fill(XSS_NOTE);
    await page.getByRole('button', { name: 'Start' }).click();
    const timer = page.getByRole('region', { name: 'Timer' });
    await timer.getByRole('button', { name: 'Stop' }).waitFor();
    expect(await timer.textContent()).toContain('Checkout page loads slowly');
    expect(await timer.textContent()).toContain(XSS_NOTE);
    expect(await pwned()).toBeUndefined();
  });

  it('shows a screenshot taken while tracking and opens its thumbnail', async () => {
    // Required by policy every minute, at a random moment, while active: keep the pointer moving until one exists.
    await until(
      'a screenshot',
      async () => {
        const listed = await page.evaluate(async (day) => {
          const bridge = (
            globalThis as unknown as { clockhand: { invoke: (n: string, i: unknown) => Promise<{ ok: boolean; value?: unknown[] }> } }
          ).clockhand;
          const answer = await bridge.invoke('screenshots.list', { day });
          return answer.ok ? (answer.value?.length ?? 0) : 0;
        }, new Date().toLocaleDateString('sv-SE'));
        return listed > 0;
      },
      150_000,
      wiggle,
    );
    await rig.go('Screenshots');
    const thumb = page.getByRole('button', { name: /^Open screenshot at \d\d:\d\d$/ }).first();
    await thumb.waitFor();
    await thumb.click();
    const dialog = page.getByRole('dialog');
    const image = dialog.getByRole('img', { name: /^Screenshot of display/ });
    await image.waitFor({ timeout: 15_000 });
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await rig.shoot('screenshot-viewer');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await rig.shoot('screenshots');
  });

  it('asks what to do with idle time and keeps it', async () => {
    await rig.go('Today');
    // The policy's 1-minute threshold: no input for a little over a minute, then input again.
    await new Promise((resolve) => setTimeout(resolve, 75_000));
    const dialog = page.getByRole('dialog', { name: 'You were away' });
    await until('the idle decision', async () => (await dialog.isVisible()) || null, 30_000, wiggle);
    expect(await dialog.textContent()).toMatch(/\d\d:\d\d – \d\d:\d\d/);
    await rig.shoot('idle-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await rig.shoot('today');
  });

  it('stops the timer and the entry goes to "synced" at Jira', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    await rig.go('Entries');
    const row = page.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: 'Checkout page loads slowly' });
    await expect.poll(() => row.first().textContent(), { timeout: 20_000 }).toContain('Jira · synced');
    expect([...worklogs.worklogs.values()].some((w) => w.issue === 'PROJ-12')).toBe(true);
    expect(await row.first().textContent()).toContain(XSS_NOTE);
    expect(await pwned()).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a vendor refusal as text, and retry posts it', async () => {
    worklogs.inject('POST', { kind: 'status', status: 400, body: { errorMessages: [XSS_VENDOR], errors: {} } });
    // Yesterday: a manual entry there is never in the future, whenever the test runs.
    await page.getByRole('button', { name: 'Previous day' }).click();
    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('form', { name: 'New entry' });
    const picker = form.getByRole('combobox');
    await picker.fill('OPS-7');
    await picker.press('Enter');
    await form.getByLabel('Start').fill('00:10');
    await form.getByLabel('End').fill('00:40');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('list', { name: 'Entries' }).getByRole('listitem').filter({ hasText: 'Rotate' });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('needs attention');
    expect(await row.textContent()).toContain(XSS_VENDOR);
    expect(await row.textContent()).toContain(XSS_TITLE);
    expect(await page.locator('img[src=x], img[src=y], svg[onload]').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
    await rig.shoot('entries');
    await row.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Jira · synced');
  });

  it('shows the policy-locked setting as managed by the organization, not editable', async () => {
    await rig.go('Settings');
    const input = page.getByLabel('activity.idleMinutes', { exact: true });
    await input.waitFor();
    expect(await input.isDisabled()).toBe(true);
    expect(await input.inputValue()).toBe('1');
    const row = page.locator('li[data-key="activity.idleMinutes"]');
    expect(await row.textContent()).toContain('Managed by your organization · Organization policy (this computer)');
    expect(await page.locator('li[data-key="tracking.roundingMinutes"]').textContent()).not.toContain('Managed by your organization');
    await rig.shoot('settings');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('renders Reports and Privacy, in light and dark, without accessibility violations', async () => {
    await rig.go('Reports');
    await page.getByRole('heading', { name: 'By task' }).waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    await rig.shoot('reports');
    expect(await seriousViolations(page)).toEqual([]);
    await rig.go('Privacy');
    // The core's consent text, the same sentences the person agreed to: what is collected and what never is.
    const never = page.getByRole('list', { name: 'What is never collected' }).getByRole('listitem');
    expect(await never.allTextContents()).toEqual([...NEVER_COLLECTED]);
    const collected = await page.getByRole('list', { name: 'What is collected' }).textContent();
    expect(collected).toContain('Slack or Teams channel you choose');
    await rig.shoot('privacy');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const view of ['Today', 'Entries', 'Reports', 'Settings']) {
      await rig.go(view);
      await rig.shoot(`${view.toLowerCase()}-dark`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('ran without script errors, CSP violations or anything executing from the corpus', async () => {
    expect(await pwned()).toBeUndefined();
    expect(rig.problems).toEqual([]);
    expect(worklogs.invalid).toEqual([]);
  });
});
