import { createWriteStream, fsyncSync, openSync, closeSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ArchiveWriter, TextSink } from '../../core/ports/export';
import type { ExportTarget } from './export-files';

/**
 * A zip archive streamed to a temp file with yazl and renamed into place on commit. Each member is a stream that
 * yazl consumes in turn; a member resolves once yazl has read all of it, so at most one member's pending chunk is
 * held in memory. Text members are deflated; screenshots (PNG, already compressed) are stored.
 */
export function createArchiveWriter(target: ExportTarget): ArchiveWriter {
  const zip = new ZipFile();
  // 'wx': never follow or overwrite something placed at the temp name; 0600 like the other exports.
  const out = createWriteStream(target.temp, { flags: 'wx', mode: 0o600 });
  let failure: Error | null = null;
  let rejectFailed: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    rejectFailed = reject;
  });
  failed.catch(() => undefined);
  const fail = (error: Error): void => {
    failure ??= error;
    rejectFailed(error);
  };
  out.on('error', fail);
  zip.outputStream.on('error', fail);
  zip.outputStream.pipe(out);
  const check = (): void => {
    if (failure !== null) throw failure;
  };
  /** Waits for an event of the zip side, or fails with the stream's error. */
  const guard = async (event: Promise<unknown>): Promise<void> => {
    await Promise.race([event, failed]);
  };

  const member = async (name: string, compress: boolean, modifiedAt: Date, fill: (stream: PassThrough) => Promise<void>): Promise<void> => {
    check();
    const stream = new PassThrough();
    zip.addReadStream(stream, name, { compress, mtime: modifiedAt, mode: 0o100600 });
    const consumed = once(stream, 'end');
    await fill(stream);
    stream.end();
    await guard(consumed);
    check();
  };

  return {
    text: (name, fill) =>
      member(name, true, new Date(), async (stream) => {
        const sink: TextSink = {
          write: async (text) => {
            check();
            if (!stream.write(text, 'utf8')) await guard(once(stream, 'drain'));
          },
        };
        await fill(sink);
      }),
    bytes: (name, data, modifiedAt) =>
      member(name, false, new Date(modifiedAt), async (stream) => {
        if (!stream.write(data)) await guard(once(stream, 'drain'));
      }),
    async commit() {
      check();
      const closed = once(out, 'close');
      zip.end();
      await guard(closed);
      check();
      const fd = openSync(target.temp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(target.temp, target.path);
      return { path: target.path, bytes: out.bytesWritten };
    },
    async abort() {
      zip.outputStream.unpipe(out);
      if (!out.closed) {
        const closed = once(out, 'close').catch(() => undefined);
        out.destroy();
        await closed;
      }
      rmSync(target.temp, { force: true });
    },
  };
}
