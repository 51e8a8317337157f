import { resolve } from 'node:path';
import type { Command } from 'commander';
import { operations, type OperationName, type OperationOutput } from '../../common/contract';
import { AgentNotRunningError, callAgent } from '../adapters/node/control-client';
import { controlSocketPath } from '../adapters/node/data-dir';
import { writeDiagnosticsBundle } from '../adapters/node/diagnostics-bundle';
import { Redactor } from '../core/logging/redactor';
import { EXIT_FAILED, EXIT_OK, type Output } from './cli-request';

/**
 * `clockhand diagnostics --out FILE.zip`: a bundle for a support request. It asks the running agent for the policy,
 * the connections and the outbox; with no agent it says so and still bundles the version, the OS and the logs.
 */
export function addDiagnosticsCommand(
  program: Command,
  io: Output,
  dataDir: () => string,
  version: string,
  usage: (message: string) => Error,
  setExit: (code: number) => void,
): void {
  program
    .command('diagnostics')
    .description('write a support bundle (zip): version, OS, policy without secrets, connection states, outbox counts, redacted logs')
    .requiredOption('--out <file.zip>', 'where to write the bundle')
    .option('--json', 'print machine-readable JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      if (!o.out.toLowerCase().endsWith('.zip')) throw usage('--out names a .zip file');
      setExit(await diagnostics(io, dataDir(), resolve(o.out), version, o.json === true));
    });
}

async function diagnostics(io: Output, dir: string, out: string, version: string, json: boolean): Promise<number> {
  const socket = controlSocketPath(dir);
  // Set by the first request that finds no agent: the later ones are not tried.
  const agent: { problem: string | null } = { problem: null };
  const ask = async <K extends OperationName>(name: K, params: unknown): Promise<OperationOutput<K> | null> => {
    if (agent.problem !== null) return null;
    try {
      const answer = await callAgent(socket, name, params);
      if (!answer.ok) return null;
      const parsed = operations[name].output.safeParse(answer.value);
      return parsed.success ? (parsed.data as OperationOutput<K>) : null;
    } catch (error) {
      agent.problem = error instanceof AgentNotRunningError ? 'no agent or app was running' : 'the agent did not answer';
      return null;
    }
  };
  const policy = await ask('policy.show', {});
  const connections = await ask('connections.list', {});
  const outbox = await ask('sync.list', { limit: 1 });
  try {
    const files = writeDiagnosticsBundle(
      out,
      dir,
      { version, policy, connections, outbox, agentProblem: agent.problem },
      new Redactor(),
      Date.now(),
    );
    io.out(json ? JSON.stringify({ out, files, agent: agent.problem ?? 'running' }, null, 2) : `Wrote ${out} (${files.join(', ')})`);
    return EXIT_OK;
  } catch (error) {
    const message = `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`;
    io.err(json ? JSON.stringify({ error: { code: 'internal', message } }) : `clockhand: ${message}`);
    return EXIT_FAILED;
  }
}
