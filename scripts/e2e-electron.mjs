#!/usr/bin/env node
// `npm run e2e:electron`: the Playwright `_electron` suite (test/e2e-electron) against the real app. Needs the
// Electron binary: where it is absent this says so in one line and exits 1. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-sqlite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable without triggering electron's download-on-require. */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  const relativePath = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const candidate = join(override, relativePath ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (relativePath === null) return null;
  const candidate = join(root, 'node_modules', 'electron', 'dist', relativePath);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (binary === null) {
  console.error(
    'e2e:electron: no Electron binary on this machine (node_modules/electron/dist is missing; `npm start` downloads it with internet, or set ELECTRON_OVERRIDE_DIST_PATH)',
  );
  process.exit(1);
}
const sqliteBinding = ensureElectronSqlite();
if (sqliteBinding === null) process.exit(1);
const step = (command, args, env = process.env) => {
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
};
step(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
step(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.electron.config.ts'], {
  ...process.env,
  CLOCKHAND_E2E_ELECTRON: binary,
  CLOCKHAND_SQLITE_BINDING: sqliteBinding,
});
