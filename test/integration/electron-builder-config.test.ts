import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/agent-process';

// Packaging needs Electron's zip and tool downloads (no network here), so electron-builder.yml is checked against
// electron-builder's own JSON schema (app-builder-lib/scheme.json) by scripts/validate-builder-config.mjs.

function validate(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/validate-builder-config.mjs', file],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      },
    );
  });
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema, and the validator catches a bad option", async () => {
    const good = await validate('electron-builder.yml');
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'clockhand-builder-'));
    try {
      const bad = join(dir, 'bad.yml');
      writeFileSync(bad, `${readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')}\nnoSuchOption: true\n`);
      const result = await validate(bad);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/additional properties/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('packages out/ with the native modules unpacked and rebuilt for Electron, for Linux, macOS and Windows', () => {
    const config = yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ appId: 'dev.clockhand.app', productName: 'Clockhand', npmRebuild: true });
    expect(config.files).toContain('out/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/uiohook-napi/**']));
    expect(config).toMatchObject({ linux: { target: ['AppImage', 'deb'] }, mac: { target: 'dmg' }, win: { target: 'nsis' } });
    // The app's userData (and so the shared data directory) is named after productName: keep the two in step.
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { productName?: string };
    expect(pkg.productName).toBe(config.productName);
  });
});
