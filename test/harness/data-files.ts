import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a data directory (the database, logs/, backups/, screenshots/ ...), as paths relative to it. */
export function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)));
}
