import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a data directory (the database, logs/, backups/, screenshots/ ...), as paths relative to it. */
export function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)));
}

/** One place a secret must not appear, as text. */
export interface Haystack {
  readonly name: string;
  readonly text: string;
}

/** Where no token may appear after a run: every file of the data directory (bytes as latin1), the agent log, the CLI output. */
export function secretHaystacks(dataDir: string, agentLog: string, cliOutputs: readonly string[]): Haystack[] {
  return [
    ...dataFiles(dataDir).map((name) => ({ name, text: readFileSync(join(dataDir, name)).toString('latin1') })),
    { name: 'agent log', text: agentLog },
    { name: 'CLI output', text: cliOutputs.join('\n') },
  ];
}
