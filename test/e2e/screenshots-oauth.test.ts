import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAsana, type FakeAsana } from '../fakes/fake-asana-server';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { playBrowser, visit } from '../harness/browser-visit';
import { runTool } from '../harness/run-tool';
import { seriousViolations, until } from '../harness/window-page';
import { Cleanups, startWindowRig, type WindowRig } from '../harness/window-rig';
import { moveMouse } from '../harness/xdotool';

const APPS = {
  slack: { clientId: 'slack-client' },
  asana: { clientId: 'asana-client', clientSecret: 'asana-client-secret-e2e' },
};

describe('the window against the real core: full-size screenshots and browser sign-in (dev:browser harness)', () => {
  let slack: FakeSlack;
  let asana: FakeAsana;
  let rig: WindowRig;
  let page: Page;
  let screen: { width: number; height: number };
  const cleanups = new Cleanups();

  /** One operation through the page's own bridge (what the window's stores do). */
  const invoke = (name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> =>
    page.evaluate(
      async ([n, i]) =>
        (
          globalThis as unknown as {
            clockhand: { invoke: (n: string, i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> };
          }
        ).clockhand.invoke(n, i),
      [name, input] as const,
    );
  let mouseStep = 0;
  const wiggle = async (): Promise<void> => {
    mouseStep += 1;
    await moveMouse(300 + (mouseStep % 40) * 10, 400 + (mouseStep % 7) * 10);
    await new Promise((resolve) => setTimeout(resolve, 700));
  };
  /** The authorization page the window offers, as the user's browser would open it. */
  const signInPage = async (): Promise<string> => {
    const link = page.getByRole('link', { name: /sign-in page$/ });
    await link.waitFor();
    const href = await link.getAttribute('href');
    if (href === null) throw new Error('the sign-in link has no address');
    return href;
  };

  beforeAll(async () => {
    rig = await startWindowRig(cleanups, {
      tempPrefix: 'clockhand-e2e-shots-',
      // Screenshots every minute (required by the organization), and the organization's OAuth apps for Slack and Asana.
      policy: {
        version: 1,
        screenshots: { mode: 'required', intervalMinutes: 1 },
        integrations: { slack: { oauth: APPS.slack }, asana: { oauth: APPS.asana } },
      },
      services: async () => {
        slack = await startFakeSlack(APPS.slack.clientId);
        cleanups.add(() => slack.close());
        asana = await startFakeAsana({ 'user-1': { gid: '1201', name: 'Ada L.', email: 'ada@example.com' } }, {}, APPS.asana);
        cleanups.add(() => asana.close());
        return { slack: slack.baseUrl, asana: asana.baseUrl };
      },
      desktop: '#2a6f97',
    });
    page = rig.page;
    const current = /current (\d+) x (\d+)/.exec(await runTool('xrandr', ['--current']));
    screen = { width: Number(current?.[1]), height: Number(current?.[2]) };
  });

  afterAll(() => cleanups.run());

  it('opens a screenshot at full size: the decrypted image has the captured screen’s size, and is released on close', async () => {
    expect(await invoke('timer.start', { taskRef: 'local:e2e-viewer' })).toMatchObject({ ok: true });
    const day = new Date().toLocaleDateString('sv-SE');
    await until(
      'a screenshot',
      async () => {
        const listed = await invoke('screenshots.list', { day });
        return listed.ok && Array.isArray(listed.value) && listed.value.length > 0;
      },
      150_000,
      wiggle,
    );
    expect(await invoke('timer.stop', {})).toMatchObject({ ok: true });
    await rig.go('Screenshots');
    await page
      .getByRole('button', { name: /^Open screenshot at \d\d:\d\d$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    const image = dialog.getByRole('img', { name: /^Screenshot of display/ });
    await image.waitFor({ timeout: 20_000 });
    const src = (await image.getAttribute('src')) ?? '';
    expect(src).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
    const natural = await image.evaluate((img) => {
      const element = img as unknown as { naturalWidth: number; naturalHeight: number; complete: boolean };
      return { width: element.naturalWidth, height: element.naturalHeight };
    });
    expect(natural).toEqual(screen);
    expect(await dialog.textContent()).toContain(`${String(screen.width)}×${String(screen.height)}`);
    expect(await dialog.textContent()).toContain('1 of 1');
    await rig.shoot('viewer-full');
    expect(await seriousViolations(page)).toEqual([]);

    // 100 %: the image is shown at its own size in a scrollable, focusable region.
    await page.keyboard.press('z');
    const region = dialog.getByRole('region', { name: 'Screenshot at 100 %' });
    await region.waitFor();
    expect(await image.evaluate((img) => (img as unknown as { clientWidth: number }).clientWidth)).toBe(screen.width);
    await rig.shoot('viewer-actual-size');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('z');
    await page.emulateMedia({ colorScheme: 'dark' });
    await rig.shoot('viewer-full-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
    // Closed: the object URL is revoked, so the decrypted image can no longer be loaded from it.
    const before = rig.problems.length;
    const reload = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const probe = new (
            globalThis as unknown as { Image: new () => { onload: () => void; onerror: () => void; src: string } }
          ).Image();
          probe.onload = () => {
            resolve('loaded');
          };
          probe.onerror = () => {
            resolve('gone');
          };
          probe.src = url;
        }),
      src,
    );
    expect(reload).toBe('gone');
    // Chromium reports the revoked blob as a missing file: that one line is this probe's, not a problem.
    await expect.poll(() => rig.problems.slice(before)).toEqual(['console: Failed to load resource: net::ERR_FILE_NOT_FOUND']);
    rig.problems.splice(before);
  });

  it('signs in to Slack from Integrations: the window waits, the browser follows the authorize URL, the connection is ok', async () => {
    await rig.go('Integrations');
    await page.getByRole('button', { name: 'Sign in with Slack' }).click();
    const waiting = page.getByText(/Waiting for you to sign in to Slack in your browser/);
    await waiting.waitFor();
    const url = await signInPage();
    expect(url.startsWith(`${slack.baseUrl}/oauth/v2/authorize?`)).toBe(true);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    await rig.shoot('sign-in-waiting');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await rig.shoot('sign-in-waiting-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    const visited = await playBrowser(url);
    expect(visited.callback?.status).toBe(200);
    expect(visited.callback?.body).toContain('Clockhand is connected to Slack');
    await page.getByText(/^Connected to Slack/).waitFor();
    const row = page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Slack' });
    await expect.poll(() => row.textContent()).toContain('Connected');
    expect(await row.textContent()).toContain('https://acme.slack.com');
    await rig.shoot('sign-in-connected');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('shows a forged state as ignored, a denied consent as text, and cancel closes the waiting listener', async () => {
    await page.getByRole('button', { name: 'Sign in with Asana' }).click();
    const query = new URL(await signInPage()).searchParams;
    const redirect = query.get('redirect_uri') ?? '';
    const forged = await visit(`${redirect}?code=stolen&state=forged`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('did not match');
    // The window keeps waiting for the real answer.
    await page.waitForTimeout(500);
    expect(await page.getByText(/Waiting for you to sign in to Asana/).isVisible()).toBe(true);
    await visit(`${redirect}?error=access_denied&state=${encodeURIComponent(query.get('state') ?? '')}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Asana was not connected: the Asana sign-in was denied: the provider answered access_denied');
    await rig.shoot('sign-in-denied');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await rig.shoot('sign-in-denied-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByRole('button', { name: 'Sign in with Asana' }).click();
    const again = new URL(await signInPage()).searchParams.get('redirect_uri') ?? '';
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in with Asana' }).waitFor();
    await expect
      .poll(() =>
        visit(again).then(
          () => 'listening',
          () => 'closed',
        ),
      )
      .toBe('closed');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('reconnects a connection that needs it: Reconnect signs in again and the same connection is ok', async () => {
    // The user revoked Clockhand at Slack: the access token is gone and no refresh works any more.
    slack.oauth.revokeAll();
    const row = page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: 'Slack' });
    await row.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Reconnect needed');
    await rig.shoot('reconnect-needed');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Reconnect Slack/ }).click();
    const visited = await playBrowser(await signInPage());
    expect(visited.callback?.status).toBe(200);
    await page.getByText(/^Connected to Slack/).waitFor();
    await expect.poll(() => row.textContent()).toContain('Connected');
    expect(await row.textContent()).not.toContain('Reconnect needed');
    expect(await page.getByRole('list', { name: 'Connections' }).getByRole('listitem').count()).toBe(1);
    await rig.shoot('reconnected');
  });

  it('ran without script errors or CSP violations', () => {
    expect(rig.problems).toEqual([]);
  });
});
