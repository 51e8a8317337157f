// The real app under Playwright's Electron driver (npm run e2e:electron; needs the Electron binary).
// Launch, tray present, open the window from the tray, start and stop a timer from the window, quit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockhandBridge } from '../../common/bridge';
import type { DesktopCommand } from '../../main/core/desktop/desktop-commands';
import type { TrayView } from '../../main/core/ports/tray';
import { repoRoot } from '../harness/agent-process';

interface E2EHook {
  trayView(): TrayView;
  run(command: DesktopCommand): void;
}

const executablePath = process.env.CLOCKHAND_E2E_ELECTRON ?? '';

describe('the Electron app', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockhand-e2e-'));
  let app: ElectronApplication;

  const tray = (): Promise<TrayView | null> =>
    app.evaluate(() => {
      const hook = (globalThis as { clockhandE2E?: E2EHook }).clockhandE2E;
      return hook === undefined ? null : hook.trayView();
    });
  const click = (command: DesktopCommand): Promise<void> =>
    app.evaluate((_electron, clicked) => {
      (globalThis as unknown as { clockhandE2E: E2EHook }).clockhandE2E.run(clicked);
    }, command);
  const invoke = (page: Page, name: string, input: unknown): Promise<unknown> =>
    page.evaluate(
      ([operation, value]) => (globalThis as unknown as { clockhand: ClockhandBridge }).clockhand.invoke(operation as 'status', value),
      [name, input] as const,
    );

  beforeAll(async () => {
    expect(executablePath, 'run through npm run e2e:electron').not.toBe('');
    app = await electron.launch({
      executablePath,
      args: [repoRoot],
      env: electronAppEnv({ CLOCKHAND_DATA_DIR: dataDir, CLOCKHAND_E2E: '1' }),
    });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts tray-first: the tray shows the stopped state and no window is open', async () => {
    await expect.poll(tray, { timeout: 30_000 }).not.toBeNull();
    const view = await tray();
    expect(view?.icon).toBe('stopped');
    expect(view?.items.map((item) => (item.kind === 'command' ? item.label : null))).toContain('Open Clockhand');
    expect(app.windows()).toEqual([]);
  });

  it('opens the window from the tray: app:// page, isolated, with the bridge and without Node', async () => {
    const opened = app.waitForEvent('window');
    await click({ type: 'window.open', view: 'today' });
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://clockhand/index.html');
    const exposed = await page.evaluate(() => ({
      bridge: typeof (globalThis as { clockhand?: unknown }).clockhand,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
  });

  it('starts and stops a timer from the window; the tray follows', async () => {
    const page = await app.firstWindow();
    expect(await invoke(page, 'timer.start', { taskRef: 'local:e2e' })).toMatchObject({ ok: true, value: { taskRef: 'local:e2e' } });
    await expect.poll(async () => (await tray())?.icon, { timeout: 5_000 }).toBe('tracking');
    expect(await invoke(page, 'timer.stop', {})).toMatchObject({ ok: true, value: { running: false } });
    await expect.poll(async () => (await tray())?.icon, { timeout: 5_000 }).toBe('stopped');
    expect(await invoke(page, 'no.such.operation', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

/** The app's environment, as `npm start` gives it: without ELECTRON_RUN_AS_NODE, which would make Electron plain Node. */
function electronAppEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  return { ...env, ...extra };
}
