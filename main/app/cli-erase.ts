import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { acquireAgentLock, type AgentLock } from '../adapters/node/agent-lock';
import { AgentNotRunningError, callAgent } from '../adapters/node/control-client';
import { controlSocketPath } from '../adapters/node/data-dir';
import { eraseEverything, EraseError, leftovers } from '../adapters/node/erase';
import { KeytarSecretStore } from '../../native/keychain/keytar-secret-store';
import { EXIT_FAILED, EXIT_OK, type Output } from './cli-request';

/** How long the running agent or app may take to stop after it answered the erase. */
const STOP_WAIT_MS = 30_000;

/**
 * `clockhand erase --yes`: a running agent or app erases and stops; then the CLI, holding the agent lock, erases
 * again (the same idempotent steps, so it also works with no agent running and finishes anything left), and checks
 * that the data directory and the keychain hold nothing of Clockhand's.
 */
export function addEraseCommand(
  program: Command,
  io: Output,
  dataDir: () => string,
  usage: (message: string) => Error,
  setExit: (code: number) => void,
): void {
  program
    .command('erase')
    .description('delete ALL Clockhand data: database, screenshots, logs and keychain entries; stops the agent')
    .option('--yes', 'confirm: this cannot be undone')
    .option('--json', 'print machine-readable JSON')
    .action(async (o: { yes?: boolean; json?: boolean }) => {
      if (o.yes !== true) {
        throw usage('erase deletes every Clockhand entry, screenshot and keychain secret for good: run `clockhand erase --yes`');
      }
      setExit(await erase(io, dataDir(), o.json === true));
    });
}

async function erase(io: Output, dir: string, json: boolean): Promise<number> {
  let agentStopped = false;
  try {
    const answer = await callAgent(controlSocketPath(dir), 'data.erase', { confirm: true });
    if (!answer.ok) {
      io.err(`clockhand: ${answer.error.message}`);
      return EXIT_FAILED;
    }
    agentStopped = true;
  } catch (error) {
    // No agent: the CLI does it all. An agent that hung up while erasing is waited for below.
    if (!(error instanceof AgentNotRunningError)) agentStopped = true;
  }
  const lock = existsSync(dir) ? await waitForLock(dir, agentStopped ? STOP_WAIT_MS : 0) : null;
  if (existsSync(dir) && lock === null) {
    io.err(`clockhand: a Clockhand agent or app is still running on ${dir}; stop it, then run erase again`);
    return EXIT_FAILED;
  }
  const secrets = new KeytarSecretStore();
  let report;
  try {
    lock?.release();
    report = await eraseEverything(dir, secrets);
  } catch (error) {
    io.err(`clockhand: ${error instanceof EraseError ? error.message : `erase failed: ${String(error)}`}`);
    return EXIT_FAILED;
  }
  const left = leftovers(dir);
  const keychain = await secrets.accounts();
  const summary = { dataDir: dir, secretsDeleted: report.secrets, dataDirRemoved: report.dataDirRemoved, left, keychain };
  if (left.length > 0 || keychain.length > 0) {
    io.err(
      json
        ? JSON.stringify({ error: { code: 'internal', message: 'erase left something behind' }, ...summary })
        : `clockhand: erase left something behind: ${[...left, ...keychain.map((a) => `keychain:${a}`)].join(', ')}`,
    );
    return EXIT_FAILED;
  }
  io.out(
    json
      ? JSON.stringify(summary, null, 2)
      : `Erased. ${agentStopped ? 'The agent has stopped. ' : ''}The data directory ${dir} is gone and the keychain holds no Clockhand entries.`,
  );
  return EXIT_OK;
}

/** The agent lock, once the running agent or app has let go of it (null if it did not within `waitMs`). */
async function waitForLock(dir: string, waitMs: number): Promise<AgentLock | null> {
  const started = performance.now();
  for (;;) {
    if (!existsSync(dir)) return null;
    try {
      const lock = acquireAgentLock(dir);
      if (lock !== null) return lock;
    } catch (error) {
      // The stopping agent removed the directory between the check and the lock.
      if (!existsSync(dir)) return null;
      throw error;
    }
    if (performance.now() - started >= waitMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
