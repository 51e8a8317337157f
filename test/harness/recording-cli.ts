import { clockhand, clockhandWithInput, type CliResult } from './agent-process';

export interface RecordingCli {
  /** Everything the CLI printed so far (stdout and stderr of each run), for the tests that look for secrets in it. */
  readonly outputs: string[];
  /** Runs the built CLI, with `input` on its standard input when given. */
  readonly run: (argv: readonly string[], input?: string) => Promise<CliResult>;
}

/** The built CLI, keeping what it prints; `env` is read at each run (a test may change it between runs). */
export function recordingCli(env: () => NodeJS.ProcessEnv): RecordingCli {
  const outputs: string[] = [];
  return {
    outputs,
    run: async (argv, input) => {
      const result = input === undefined ? await clockhand(argv, env()) : await clockhandWithInput(argv, input, env());
      outputs.push(result.stdout, result.stderr);
      return result;
    },
  };
}
