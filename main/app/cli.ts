import { fileURLToPath } from 'node:url';
import { runCli } from './cli-program';

/** Entry of the `clockhand` command (bin/clockhand.js imports the built copy of this file). */
// The input hook's child script is bundled next to this file in out/main/.
const hookScript = fileURLToPath(new URL('./input-hook-child.js', import.meta.url));

runCli(process.argv.slice(2), hookScript).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`clockhand: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
