import { operations, type OperationName, type OperationOutput } from '../../common/contract';
import { AgentNotRunningError, callAgent } from '../adapters/node/control-client';
import { controlSocketPath } from '../adapters/node/data-dir';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_NO_AGENT = 3;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Sends one operation to the agent and prints the answer: a rendering, or JSON with --json. Returns the exit code. */
export async function requestAndPrint<K extends OperationName>(
  io: Output,
  dataDir: string,
  name: K,
  params: unknown,
  json: boolean,
  render: (value: OperationOutput<K>) => string,
  timeoutMs?: number,
): Promise<number> {
  let answer;
  try {
    answer = await callAgent(controlSocketPath(dataDir), name, params, timeoutMs);
  } catch (error) {
    if (error instanceof AgentNotRunningError) {
      io.err(`clockhand: no Clockhand agent or app is running for ${dataDir} (start one with: clockhand run)`);
      return EXIT_NO_AGENT;
    }
    io.err(`clockhand: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  if (!answer.ok) {
    io.err(json ? JSON.stringify({ error: answer.error }) : `clockhand: ${answer.error.message}`);
    return EXIT_FAILED;
  }
  const value = operations[name].output.safeParse(answer.value);
  if (!value.success) {
    io.err('clockhand: the agent answered in a shape this CLI does not know (are the CLI and agent different versions?)');
    return EXIT_FAILED;
  }
  io.out(json ? JSON.stringify(value.data, null, 2) : render(value.data as OperationOutput<K>));
  return EXIT_OK;
}
