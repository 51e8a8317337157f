import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DomainError } from '../../core/errors';
import type { ExportFiles, ExportWriter } from '../../core/ports/export';
import { createArchiveWriter } from './export-archive';

/** Where an export goes: the real target path and the temp file next to it that is renamed into place. */
export interface ExportTarget {
  readonly path: string;
  readonly temp: string;
}

/**
 * Export files: written to a temp file next to the target and renamed into place on commit, so a failed export
 * leaves no half file. Never inside the data directory (exports are for taking data out).
 */
export function createExportFiles(dataDir: string): ExportFiles {
  return {
    create: (path) => createFileWriter(exportTarget(dataDir, path)),
    createArchive: (path) => createArchiveWriter(exportTarget(dataDir, path)),
    pause: async () => {
      await nextTurn();
    },
  };
}

/**
 * Where an export (or a decrypted screenshot) may be written: an absolute path on this computer, outside the data
 * directory (symbolic links resolved), naming a file; plus the temp file beside it.
 */
export function exportTarget(dataDir: string, path: string): ExportTarget {
  // The contract takes POSIX and Windows absolute paths; only this platform's kind means something here.
  if (!isAbsolute(path)) throw new DomainError('invalid_input', `--out must be an absolute path on this computer: ${path}`);
  const target = resolve(path);
  const folder = realFolder(dirname(target));
  const data = realFolder(resolve(dataDir));
  const real = join(folder, basename(target));
  if (real === data || real.startsWith(data + sep)) {
    throw new DomainError('invalid_input', 'an export is never written inside the data directory: choose another --out');
  }
  if (isDirectory(real)) throw new DomainError('invalid_input', `--out ${target} is a directory: name a file`);
  return { path: real, temp: join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`) };
}

function createFileWriter(target: ExportTarget): ExportWriter {
  const fd = openSync(target.temp, 'wx', 0o600);
  let bytes = 0;
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(text: string): Promise<void> {
      const buffer = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
      bytes += buffer.length;
      return Promise.resolve();
    },
    commit() {
      fsyncSync(fd);
      close();
      renameSync(target.temp, target.path);
      return Promise.resolve({ path: target.path, bytes });
    },
    abort() {
      close();
      rmSync(target.temp, { force: true });
      return Promise.resolve();
    },
  };
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    throw new DomainError('invalid_input', `the folder ${folder} does not exist`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
