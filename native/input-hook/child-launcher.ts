import { fork } from 'node:child_process';

/** A running helper process, as the parent sees it. */
export interface ChildHandle {
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** The last lines the child wrote to stderr (for a one-line diagnostic when it dies). */
  stderrTail(): string;
  /** The OS process id, when known. */
  pid(): number | undefined;
  kill(): void;
}

/** Starts a script in its own process: `fork` under Node, a utility process under Electron. */
export interface ChildLauncher {
  launch(scriptPath: string): ChildHandle;
}

const STDERR_TAIL_BYTES = 2_048;
const KILL_GRACE_MS = 1_000;

export function nodeChildLauncher(options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): ChildLauncher {
  return {
    launch: (scriptPath) => {
      const child = fork(scriptPath, [], {
        execArgv: options.execArgv ?? [],
        env: options.env ?? process.env,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      });
      let tail = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
      });
      // A spawn failure (e.g. the script missing) arrives as 'error' and then 'exit'; 'exit' reports it.
      child.on('error', (error) => {
        tail = `${tail}${error.message}\n`.slice(-STDERR_TAIL_BYTES);
      });
      return {
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.once('exit', listener),
        stderrTail: () => tail,
        pid: () => child.pid,
        kill: () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          // A child stuck in native code (libuiohook can hang when the display is unreachable) never runs its
          // SIGTERM handler: make sure it goes.
          const force = setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          }, KILL_GRACE_MS);
          force.unref();
          child.once('exit', () => {
            clearTimeout(force);
          });
        },
      };
    },
  };
}
