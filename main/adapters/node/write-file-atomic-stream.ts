import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeAll } from './write-all';
import { partialPathFor } from './write-file-atomic';

/** Appends bytes to the file being written (all of them, in order: short writes are continued). */
export type AppendBytes = (...parts: Uint8Array[]) => Promise<void>;

/**
 * writeFileAtomic for content made piece by piece (a file too large to hold in memory): `produce` appends to a fresh
 * temp file next to `path` (opened with 'wx'); when it resolves the temp file is fsynced and renamed into place, and
 * the folder is fsynced so the rename itself survives a crash. If `produce` (or anything after it) throws, the temp
 * file is removed, `path` is untouched, and the error is thrown: a half-written file never appears at `path`.
 */
export async function writeFileAtomicStream(path: string, mode: number, produce: (append: AppendBytes) => Promise<void>): Promise<void> {
  const temp = partialPathFor(path);
  const file = await open(temp, 'wx', mode);
  let closed = false;
  try {
    await produce((...parts) => writeAll(file, parts));
    await file.sync();
    closed = true;
    await file.close();
    await rename(temp, path);
  } catch (error) {
    if (!closed) await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** fsyncs a folder (its entries); some platforms (Windows) cannot open one, and there the rename is as durable as it gets. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // EINVAL/EPERM on file systems that do not sync folders: nothing more to do.
  } finally {
    // The rename has happened: a failed close of the folder must not report the file as not written.
    await handle.close().catch(() => undefined);
  }
}
