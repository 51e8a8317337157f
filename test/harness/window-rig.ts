import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot, requireBuild } from './agent-process';
import { launchChromium } from './chromium';
import { startDevBrowser, type DevBrowser } from './dev-browser-process';
import { requireKeyring } from './keyring';
import { runTool } from './run-tool';
import { openWindowPage } from './window-page';
import { holdDisplay } from './xdotool';
import { requireDisplay } from './xvfb';

/** Where the e2e files put their screenshots of the window (PNGs under .test-artifacts/ui/). */
export const artifacts = join(repoRoot, '.test-artifacts', 'ui');

/** Undo steps, added as each part starts; run() runs them in reverse (also after a failed start). */
export class Cleanups {
  private readonly steps: (() => Promise<void>)[] = [];

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }
}

/** The harness is up, the window not yet open. */
export interface WindowCore {
  /** The test's temporary directory (removed at the end): the data directory and the policy directory are in it. */
  readonly dir: string;
  readonly dataDir: string;
  /** The harness's environment, for the CLI against the same core. */
  readonly env: NodeJS.ProcessEnv;
  readonly harness: DevBrowser;
}

export interface WindowRig extends WindowCore {
  readonly browser: Browser;
  /** The window, opened on the harness's URL and ready. */
  readonly page: Page;
  /** Page errors and console errors of the window. */
  readonly problems: string[];
  /** Clicks a view in the navigation and waits for its heading. */
  go(view: string): Promise<void>;
  /** The whole page as `<name>.png` under the artifacts. */
  shoot(name: string): Promise<void>;
}

export interface WindowRigOptions {
  /** How the temporary directory's name starts. */
  readonly tempPrefix: string;
  /** The organization's policy (policies.json in CLOCKHAND_POLICY_DIR). */
  readonly policy: Readonly<Record<string, unknown>>;
  /** Starts the fake vendors (their close goes into the rig's cleanups); answers CLOCKHAND_ENDPOINTS. */
  readonly services: () => Promise<Readonly<Record<string, string>>>;
  /** Holds the display (see holdDisplay) and paints the desktop this colour, so captured screenshots show something. */
  readonly desktop?: string;
  /** Runs once the harness is up, before the window opens (the CLI's set-up against the same core). */
  readonly beforeWindow?: (core: WindowCore) => Promise<void>;
}

/**
 * The window in Chromium against the real core through the built dev:browser harness: a temporary directory with
 * the policy, the fake vendors over loopback, the harness (consent given), the browser and the window's page.
 */
export async function startWindowRig(cleanups: Cleanups, options: WindowRigOptions): Promise<WindowRig> {
  requireBuild();
  requireDisplay();
  requireKeyring();
  mkdirSync(artifacts, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), options.tempPrefix));
  cleanups.add(() => {
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  });
  const policyDir = join(dir, 'policy');
  mkdirSync(policyDir);
  writeFileSync(join(policyDir, 'policies.json'), JSON.stringify(options.policy));
  const endpoints = await options.services();
  if (options.desktop !== undefined) {
    cleanups.add(await holdDisplay());
    await runTool('xsetroot', ['-solid', options.desktop]);
  }
  const dataDir = join(dir, 'data');
  const env = {
    ...process.env,
    CLOCKHAND_POLICY_DIR: policyDir,
    CLOCKHAND_ALLOW_HTTP_LOOPBACK: '1',
    CLOCKHAND_ENDPOINTS: JSON.stringify(endpoints),
  };
  const harness = await startDevBrowser(dataDir, env);
  cleanups.add(() => harness.stop());
  const core: WindowCore = { dir, dataDir, env, harness };
  await options.beforeWindow?.(core);
  const browser = await launchChromium();
  cleanups.add(() => browser.close());
  const problems: string[] = [];
  const page = await openWindowPage(browser, harness.url, problems);
  return {
    ...core,
    browser,
    page,
    problems,
    go: async (view) => {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: view }).waitFor();
    },
    shoot: async (name) => {
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    },
  };
}
