import { spawn } from 'node:child_process';
import { clockhandBin } from './agent-process';
import { playBrowser } from './browser-visit';

/**
 * `clockhand connect PROVIDER --json` against a running agent or harness, playing the person's browser as soon as
 * the CLI prints the sign-in URL. Resolves with the CLI's exit code and its output.
 */
export function signInWithCli(
  dataDir: string,
  provider: 'slack' | 'teams' | 'jira' | 'asana',
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string; browser: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [clockhandBin, '--data-dir', dataDir, 'connect', provider, '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // The browser round trip, kept so that its failure is reported with the CLI's output, not lost.
    let browsing: Promise<string> | null = null;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(stderr)?.[1];
      if (url !== undefined && browsing === null) {
        browsing = playBrowser(url).then(
          ({ provider, callback }) => `provider ${String(provider.status)}, callback ${String(callback?.status ?? 'none')}`,
          (error: unknown) => `the browser visit failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      void (browsing ?? Promise.resolve(null)).then((browser) => {
        resolve({ code: code ?? -1, stdout, stderr, browser });
      });
    });
  });
}
