import { utilityProcess } from 'electron';
import type { ChildLauncher } from '../../../native/input-hook/child-launcher';

const STDERR_TAIL_BYTES = 2_048;
const KILL_GRACE_MS = 1_000;

/** Runs a helper script in an Electron utility process (the app's equivalent of child_process.fork). */
export function utilityProcessLauncher(serviceName: string): ChildLauncher {
  return {
    launch: (scriptPath) => {
      const child = utilityProcess.fork(scriptPath, [], { serviceName, stdio: ['ignore', 'ignore', 'pipe'] });
      let tail = '';
      let exited = false;
      child.stderr?.on('data', (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
      });
      // A V8 fatal error in the child: 'exit' follows; keep the reason for the one-line diagnostic.
      child.on('error', (type, location) => {
        tail = `${tail}${type} at ${location}\n`.slice(-STDERR_TAIL_BYTES);
      });
      child.once('exit', () => {
        exited = true;
      });
      return {
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) =>
          child.once('exit', (code) => {
            listener(code, null);
          }),
        stderrTail: () => tail,
        pid: () => child.pid,
        kill: () => {
          if (exited) return;
          const pid = child.pid;
          child.kill(); // SIGTERM on POSIX
          // A child stuck in native code (libuiohook can hang when the display is unreachable) never handles
          // SIGTERM: make sure it goes, as nodeChildLauncher does.
          const force = setTimeout(() => {
            if (exited || pid === undefined) return;
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // already gone
            }
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
