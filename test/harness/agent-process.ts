import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const clockhandBin = join(repoRoot, 'bin', 'clockhand.js');

/** The integration tests run the built CLI, as a user would. */
export function requireBuild(): void {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `clockhand <args>` to completion. */
export function clockhand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [clockhandBin, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `clockhand <args>` with `input` piped to its standard input (how tokens are given to `connect`). */
export function clockhandWithInput(args: readonly string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [clockhandBin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Runs `clockhand <args> --json` and parses stdout; fails with the CLI's stderr when it did not succeed. */
export async function clockhandJson(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<unknown> {
  const result = await clockhand([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`clockhand ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}

export interface AgentProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** First-run consent through the CLI, as a person gives it; a refusal kills `child` and says why. */
export async function acceptConsent(dataDir: string, env: NodeJS.ProcessEnv, child: ChildProcess, output: () => string): Promise<void> {
  const accepted = await clockhand(['--data-dir', dataDir, 'consent', '--accept', '--json'], env);
  if (accepted.code === 0) return;
  child.kill('SIGKILL');
  throw new Error(`clockhand consent --accept failed (${String(accepted.code)}): ${accepted.stderr}\n${output()}`);
}

export interface StartAgentOptions {
  /** Run `clockhand consent --accept` once the agent answers, as a person would on first run (default true). */
  readonly consent?: boolean;
}

/**
 * Starts `clockhand run --data-dir DIR`, waits until it answers `status`, and gives first-run consent (nothing is
 * recorded before it) unless `consent: false`.
 */
export async function startAgent(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  options: StartAgentOptions = {},
): Promise<AgentProcess> {
  const child = spawn(process.execPath, [clockhandBin, '--data-dir', dataDir, 'run', '--log-level', 'debug'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const state = { gone: false };
  void exited.then(() => (state.gone = true));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (state.gone) throw new Error(`the agent exited before it answered:\n${output}`);
    const status = await clockhand(['--data-dir', dataDir, 'status', '--json'], env);
    if (status.code === 0) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the agent did not answer within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (options.consent ?? true) await acceptConsent(dataDir, env, child, () => output);
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (!state.gone) child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      if (!state.gone) child.kill('SIGKILL');
      await exited;
    },
  };
}
