import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { acceptConsent, repoRoot } from './agent-process';

export interface DevBrowser {
  readonly child: ChildProcess;
  /** The page to open, with the per-run token in the fragment. */
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

const SCRIPT = join(repoRoot, 'out', 'main', 'dev-browser.js');

/** Starts the built `npm run dev:browser` harness on a data directory and waits for the URL line it prints. */
export async function startDevBrowser(dataDir: string, env: NodeJS.ProcessEnv): Promise<DevBrowser> {
  if (!existsSync(SCRIPT) || !existsSync(join(repoRoot, 'out', 'renderer', 'dev', 'browser-bridge.js'))) {
    throw new Error('out/main/dev-browser.js or the renderer build is missing: run `npm run build` first (npm test does)');
  }
  const child = spawn(process.execPath, [SCRIPT, '--data-dir', dataDir, '--log-level', 'debug'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the harness printed no URL within 20 s:\n${output}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Clockhand browser harness: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the harness exited before it was ready:\n${output}`));
    });
  });
  // First-run consent through the CLI, over the harness's control socket: the window opens on the app, not on its consent screen.
  await acceptConsent(dataDir, env, child, () => output);
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
