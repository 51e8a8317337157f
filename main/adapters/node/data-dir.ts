import { mkdirSync, accessSync, constants, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_NAME = 'Clockhand';
export const DATABASE_FILE = 'clockhand.db';
export const LOCK_FILE = 'agent.lock';

/**
 * The default data directory is Electron's userData for an app named Clockhand, so the app, the agent and the CLI
 * share one store: ~/.config/Clockhand (Linux, or $XDG_CONFIG_HOME), ~/Library/Application Support/Clockhand (macOS),
 * %APPDATA%\Clockhand (Windows).
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}

/** --data-dir wins over CLOCKHAND_DATA_DIR, which wins over the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.CLOCKHAND_DATA_DIR;
  return chosen !== undefined && chosen !== '' ? resolve(chosen) : defaultDataDir();
}

export class DataDirError extends Error {}

/** Creates the directory (owner-only) if needed and proves it is writable, with a one-line reason if not. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw new Error('it is not a directory');
    accessSync(dir, constants.R_OK | constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataDirError(`the data directory ${dir} is not usable: ${reason}`);
  }
}

/** Where the control socket lives: a Unix socket in the data directory, a named pipe on Windows. */
export function controlSocketPath(dir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const tag = Buffer.from(dir.toLowerCase()).toString('base64url').slice(-40);
    return `\\\\.\\pipe\\clockhand-${tag}`;
  }
  const inDir = join(dir, 'agent.sock');
  // Unix socket paths are limited to about 104 bytes; a deep data directory gets a hashed name in the temp dir.
  if (Buffer.byteLength(inDir) <= 100) return inDir;
  const tag = createHash('sha256').update(dir).digest('hex').slice(0, 24);
  return join(tmpdir(), `clockhand-${tag}.sock`);
}
