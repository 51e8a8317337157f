import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOGS_DIR = 'logs';
export const LOG_FILE = 'clockhand.log';

export interface LogFileLimits {
  /** The live file is rotated when a line would take it past this size. */
  readonly maxBytes: number;
  /** Rotated files kept (clockhand.log.1 newest ... .N oldest). */
  readonly keep: number;
  /** Rotated files older than this are deleted (retention). */
  readonly maxAgeMs: number;
}

export const DEFAULT_LOG_LIMITS: LogFileLimits = { maxBytes: 1024 * 1024, keep: 5, maxAgeMs: 14 * 24 * 60 * 60 * 1000 };

/**
 * The log file in <dataDir>/logs: JSON lines (already redacted by the logger), rotated by size, the last `keep`
 * rotations kept and none older than `maxAgeMs`. At most (keep + 1) × maxBytes on disk. Owner-only files.
 */
export class RotatingLogFile {
  private readonly dir: string;
  private fd: number | null = null;
  private size = 0;
  private ended = false;

  constructor(
    dataDir: string,
    private readonly limits: LogFileLimits = DEFAULT_LOG_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, LOGS_DIR);
  }

  write(line: string): void {
    if (this.ended) return;
    try {
      const bytes = Buffer.byteLength(line);
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes > this.limits.maxBytes) this.rotate();
      if (this.fd === null) return;
      writeSync(this.fd, line);
      this.size += bytes;
    } catch {
      // A log line that cannot be written is dropped; logging never stops the agent.
    }
  }

  /** For good: later lines are dropped (an erase must not bring the logs folder back). */
  close(): void {
    this.ended = true;
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** The log files, newest first (the live file, then .1, .2, ...). */
  files(): string[] {
    return logFiles(this.dir);
  }

  private open(): void {
    // Not recursive: a data directory that is gone (erased) is not brought back by a log line.
    if (!existsSync(this.dir)) mkdirSync(this.dir, { mode: 0o700 });
    const path = join(this.dir, LOG_FILE);
    this.fd = openSync(path, 'a', 0o600);
    this.size = statSync(path).size;
    this.applyRetention();
  }

  private rotate(): void {
    this.closeFile();
    const base = join(this.dir, LOG_FILE);
    rmSync(`${base}.${String(this.limits.keep)}`, { force: true });
    for (let n = this.limits.keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(`${base}.${String(n)}`, `${base}.${String(n + 1)}`);
      } catch {
        // no such rotation yet
      }
    }
    renameSync(base, `${base}.1`);
    this.open();
  }

  private applyRetention(): void {
    const oldest = this.now() - this.limits.maxAgeMs;
    for (const name of readdirSync(this.dir)) {
      const match = /^clockhand\.log\.(\d+)$/.exec(name);
      if (match === null) continue;
      const path = join(this.dir, name);
      if (Number(match[1]) > this.limits.keep || statSync(path).mtimeMs < oldest) rmSync(path, { force: true });
    }
  }
}

/** Log files in a logs folder, newest first. */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const rank = (name: string): number => (name === LOG_FILE ? 0 : Number(/^clockhand\.log\.(\d+)$/.exec(name)?.[1] ?? Number.NaN));
  return names
    .filter((name) => !Number.isNaN(rank(name)))
    .sort((a, b) => rank(a) - rank(b))
    .map((name) => join(dir, name));
}
