import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How the temp files of an atomic write end: a crash can leave one behind (never at the target's own name). */
export const PARTIAL_SUFFIX = '.partial';

/** A fresh temp file name next to `path`: ".<name>.<random>.partial". */
export function partialPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
}

/**
 * Writes a whole file so that a crash or a failure never leaves a half file at `path`: the data goes to a fresh
 * temp file next to it (opened with 'wx'), is fsynced, and the temp file is renamed into place. On any failure the
 * temp file is removed and the error is thrown.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode: number): void {
  const temp = partialPathFor(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(temp, 'wx', mode);
  let open = true;
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temp, path);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
