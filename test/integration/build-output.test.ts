import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockhand, repoRoot, requireBuild } from '../harness/agent-process';

describe('the build', () => {
  it('emits the Electron main, the CLI, the hook child, the sandboxed preload and the renderer', () => {
    requireBuild();
    for (const file of ['main/electron-main.js', 'main/cli.js', 'main/input-hook-child.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(repoRoot, 'out', file)), `out/${file}`).toBe(true);
    }
    const preload = readFileSync(join(repoRoot, 'out', 'preload', 'index.cjs'), 'utf8');
    // A sandboxed preload may require nothing but electron.
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).toContain('clockhand:invoke');
  });

  it('serves the renderer with a strict Content-Security-Policy', () => {
    requireBuild();
    const html = readFileSync(join(repoRoot, 'out', 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe');
  });

  it('`clockhand --help` lists the commands of the issue', async () => {
    requireBuild();
    const help = await clockhand(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['run', 'status', 'start', 'stop', 'entries', 'entry', 'idle', 'report', 'policy', 'settings']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    const entryHelp = await clockhand(['entry', '--help']);
    for (const sub of ['add', 'edit', 'split', 'delete']) expect(entryHelp.stdout).toMatch(new RegExp(`^\\s+${sub}\\b`, 'm'));
  });

  it('bin/clockhand.js says in one line that it is not built when out/ is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      copyFileSync(join(repoRoot, 'bin', 'clockhand.js'), join(dir, 'bin', 'clockhand.js'));
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [join(dir, 'bin', 'clockhand.js'), 'status'], { timeout: 30_000 }, (error, _stdout, stderr) => {
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
        });
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('clockhand: not built yet — run `npm run build` first\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
