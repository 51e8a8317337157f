import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusDto } from '../../common/dto';
import { repoRoot, requireBuild } from '../harness/agent-process';
import { launchChromium } from '../harness/chromium';
import { serveFolder, type StaticServer } from '../harness/static-server';

const status: StatusDto = {
  agent: { pid: 4242, version: '0.1.0', face: 'app', dataDir: '/home/ada/.config/Clockhand', startedAt: '2026-11-23T08:00:00.000+01:00' },
  timer: {
    running: true,
    entryId: 7,
    taskRef: 'jira:PROJ-12',
    startedAt: '2026-11-23T09:00:00.000+01:00',
    note: null,
    elapsedSeconds: 3725,
  },
  todaySeconds: 12_600,
  activity: {
    source: 'idle-time',
    degradedReason: 'input hook process exited (signal SIGABRT)',
    activeSecondsToday: 5_400,
    lastInputAt: null,
  },
  idle: { idle: false, since: null, pending: null, pendingCount: 2 },
  policy: { problem: null, lockedSettings: 3 },
  recovered: null,
};

describe('the renderer in Chromium', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const artifacts = join(repoRoot, '.test-artifacts');

  beforeAll(async () => {
    requireBuild();
    server = await serveFolder(join(repoRoot, 'out', 'renderer'));
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says it is not connected when there is no bridge, and breaks no CSP rule', async () => {
    if (browser === undefined || server === undefined) throw new Error('no browser');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(server.url);
    await expect.poll(() => page.textContent('[role=status]')).toBe('Not connected to the Clockhand core.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the running timer and the day the core reports through the bridge, and answers what it does not know', async () => {
    if (browser === undefined || server === undefined) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const calls: string[] = [];
    await page.exposeFunction('recordCall', (name: string) => calls.push(name));
    await page.addInitScript((value) => {
      const record = (globalThis as unknown as { recordCall: (name: string) => Promise<void> }).recordCall;
      Object.defineProperty(globalThis, 'clockhand', {
        value: {
          invoke: async (name: string) => {
            await record(name);
            if (name === 'status') return { ok: true, value };
            // Every other answer is refused: the window must say so, not break.
            return { ok: false, error: { code: 'unavailable', message: `${name} is not available in this test` } };
          },
          // The preload's events (common/bridge's ClockhandBridge): none come in this test.
          on: () => () => undefined,
        },
      });
    }, status);
    await page.goto(server.url);
    const timer = page.getByRole('region', { name: 'Timer' });
    await expect.poll(() => timer.textContent()).toContain('1:02:05');
    expect(await timer.textContent()).toContain('PROJ-12');
    expect(await page.getByTestId('day-total').textContent()).toBe('3h 30m');
    expect(await page.textContent('nav')).toContain('Activity: input hook process exited (signal SIGABRT)');
    expect(await page.getByRole('alert').first().textContent()).toMatch(/is not available in this test$/);
    // The window first asks whether consent is needed (refused here: it then goes by the status), then for the status.
    expect(calls.slice(0, 2).sort()).toEqual(['consent.show', 'status']);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'renderer-status.png') });
    await page.close();
  });
});
