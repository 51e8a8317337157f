#!/usr/bin/env node
// `npm start`: builds main, preload and renderer, builds better-sqlite3 for Electron once (into .electron-native/,
// leaving node_modules on Node's ABI for the tests, agent and CLI), then launches the Electron app.
// Electron 45 fetches its binary on the first `import 'electron'`; without network that fails, and we say so.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-sqlite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('clockhand: the build failed (see above)');
  process.exit(build.status ?? 1);
}

let electronPath;
try {
  electronPath = (await import('electron')).default;
} catch (error) {
  console.error(
    `clockhand: the Electron binary is not available and could not be downloaded: ${error instanceof Error ? error.message : String(error)}`,
  );
  console.error(
    'clockhand: connect to the internet once (npm start downloads Electron on first run), or set ELECTRON_OVERRIDE_DIST_PATH to a local Electron.',
  );
  console.error('clockhand: the headless agent works without Electron: npx clockhand run');
  process.exit(1);
}

const sqliteBinding = ensureElectronSqlite();
if (sqliteBinding === null) process.exit(1);

// ELECTRON_RUN_AS_NODE (set by some editors' terminals) would make Electron run as plain Node and ignore the app.
const env = { ...process.env, CLOCKHAND_SQLITE_BINDING: sqliteBinding };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(electronPath, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 128));
});
