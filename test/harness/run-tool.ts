import { execFile } from 'node:child_process';

/** Runs a command-line tool (15 s at most); its standard output, or an error with what it printed on stderr. */
export function runTool(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${command} failed: ${stderr.trim() || error.message}`));
    });
  });
}
