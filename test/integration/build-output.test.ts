import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockhand, repoRoot, requireBuild } from '../harness/agent-process';

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: repoRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

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
    for (const command of ['run', 'status', 'start', 'stop', 'entries', 'entry', 'idle', 'report']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    const entryHelp = await clockhand(['entry', '--help']);
    for (const sub of ['add', 'edit', 'split', 'delete']) expect(entryHelp.stdout).toMatch(new RegExp(`^\\s+${sub}\\b`, 'm'));
  });
});

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema, and the validator catches a bad option", async () => {
    const good = await run(process.execPath, ['scripts/validate-builder-config.mjs', 'electron-builder.yml']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-builder-'));
    try {
      const bad = join(dir, 'bad.yml');
      writeFileSync(bad, `${readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')}\nnoSuchOption: true\n`);
      const result = await run(process.execPath, ['scripts/validate-builder-config.mjs', bad]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/additional properties/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
