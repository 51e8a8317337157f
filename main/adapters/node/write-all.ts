import type { FileHandle } from 'node:fs/promises';

/** At most this many buffers go to one writev (Linux refuses more than IOV_MAX = 1024). */
const WRITEV_BATCH = 256;

/** Writes every byte of `parts` in order, resuming after short writes. */
export async function writeAll(file: FileHandle, parts: readonly Uint8Array[]): Promise<void> {
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    const batch = pending.slice(0, WRITEV_BATCH);
    let { bytesWritten } = await file.writev(batch);
    if (bytesWritten === 0) throw new Error('the disk took no bytes of the file');
    let done = 0;
    while (done < batch.length && bytesWritten >= (batch[done]?.length ?? 0)) {
      bytesWritten -= batch[done]?.length ?? 0;
      done += 1;
    }
    const rest = pending.slice(done);
    const first = rest[0];
    if (first !== undefined && bytesWritten > 0) rest[0] = first.subarray(bytesWritten);
    pending = rest;
  }
}
