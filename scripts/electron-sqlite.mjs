// better-sqlite3 for Electron's ABI, next to (never instead of) the Node-ABI build in node_modules that the tests,
// the agent and the CLI load. A copy of the package is built in .electron-native/<electron version>/ (prebuilt
// download first, else node-gyp against Electron's headers; both need internet once) and handed to the app with
// CLOCKHAND_SQLITE_BINDING. Packaged apps do not need this: electron-builder rebuilds inside the package.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the Electron-ABI binding for this Electron version, platform and architecture lives. */
export function electronSqlitePaths(electronVersion, platform = process.platform, arch = process.arch) {
  const dir = join(root, '.electron-native', `better-sqlite3-electron-${electronVersion}-${platform}-${arch}`);
  return { dir, binding: join(dir, 'build', 'Release', 'better_sqlite3.node') };
}

/** Returns the binding path, building it first if needed; null (with the reason printed) when it cannot be built. */
export function ensureElectronSqlite(log = console.error) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const { dir, binding } = electronSqlitePaths(electronVersion);
  if (existsSync(binding)) return binding;
  const source = join(root, 'node_modules', 'better-sqlite3');
  rmSync(dir, { recursive: true, force: true });
  // The sources without the Node-ABI build output.
  cpSync(source, dir, { recursive: true, filter: (path) => !relative(source, path).split(sep).includes('build') });
  log(`clockhand: building better-sqlite3 for Electron ${electronVersion} in ${relative(root, dir)} (once)`);
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const attempts = [
    [bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]],
    [
      bin('node-gyp'),
      ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
    ],
  ];
  for (const [command, args] of attempts) {
    const run = spawnSync(command, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } });
    if (run.status === 0 && existsSync(binding)) return binding;
  }
  log('clockhand: could not build better-sqlite3 for Electron (a prebuilt download or Electron headers are needed, i.e. internet once).');
  return null;
}
