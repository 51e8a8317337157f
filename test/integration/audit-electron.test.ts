import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/agent-process';

function audit(sourceRoot?: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/audit-electron.mjs', ...(sourceRoot === undefined ? [] : [sourceRoot])],
      { cwd: repoRoot, timeout: 120_000 },
      (error, stdout) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout });
      },
    );
  });
}

describe('npm run audit:electron', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'clockhand-audit-'));
  afterAll(() => {
    rmSync(fixture, { recursive: true, force: true });
  });

  // Our own sources pass in scripts/test.sh's "electron audit" phase; here: that a finding does fail it.
  it('fails on a window without sandbox or context isolation, and on a stale allowlist entry', async () => {
    mkdirSync(join(fixture, 'main'), { recursive: true });
    mkdirSync(join(fixture, 'renderer'), { recursive: true });
    mkdirSync(join(fixture, 'security'), { recursive: true });
    writeFileSync(
      join(fixture, 'main', 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: false } });\n",
    );
    writeFileSync(join(fixture, 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>\n');
    writeFileSync(join(fixture, 'package.json'), '{"name":"fixture","devDependencies":{"electron":"45.4.1"}}\n');
    writeFileSync(
      join(fixture, 'security', 'electronegativity-allowlist.json'),
      JSON.stringify([{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/gone.ts', reason: 'file was removed' }]),
    );
    const result = await audit(fixture);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL +MEDIUM +SANDBOX_JS_CHECK main\/window\.ts:2/);
    expect(result.stdout).toMatch(/FAIL +HIGH +CONTEXT_ISOLATION_JS_CHECK main\/window\.ts:2/);
    expect(result.stdout).toMatch(/STALE +allowlist entry matches nothing: OPEN_EXTERNAL_JS_CHECK main\/gone\.ts/);
  });
});
