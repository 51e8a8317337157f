import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyFileSource, defaultPolicySources, policyDirectory } from '../../main/adapters/node/policy-file-source';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clockhand-policy-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('policy files on disk', () => {
  it('reads a regular file, and a missing one is absent', () => {
    const path = join(dir, 'policies.json');
    const source = new PolicyFileSource('machine', path);
    expect(source.read()).toEqual({ kind: 'absent' });
    writeFileSync(path, '\uFEFF{"version":1}', { mode: 0o644 });
    expect(source.read()).toEqual({ kind: 'text', text: '{"version":1}' });
    expect(new PolicyFileSource('machine', join(dir, 'policies.json', 'below-a-file')).read()).toEqual({ kind: 'absent' });
  });

  it('refuses a symbolic link, a directory, a huge file and a world-writable file', () => {
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, '{"version":1}', { mode: 0o644 });
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    expect(new PolicyFileSource('machine', link).read()).toEqual({
      kind: 'unreadable',
      reason: 'is a symbolic link; policy is read only from a regular file',
    });
    mkdirSync(join(dir, 'folder.json'));
    expect(new PolicyFileSource('machine', join(dir, 'folder.json')).read()).toEqual({
      kind: 'unreadable',
      reason: 'is not a regular file',
    });
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, `{"version":1,"pad":"${'x'.repeat(300 * 1024)}"}`, { mode: 0o644 });
    expect(new PolicyFileSource('machine', huge).read()).toEqual({ kind: 'unreadable', reason: 'is larger than 256 KiB' });
    const open = join(dir, 'open.json');
    writeFileSync(open, '{"version":1}');
    chmodSync(open, 0o666);
    expect(new PolicyFileSource('machine', open).read()).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/writable by every user/) as unknown,
    });
  });

  it('finds the machine policy and the per-user policy in the policy directory', () => {
    expect(policyDirectory('linux', {})).toBe('/etc/clockhand');
    expect(policyDirectory('darwin', {})).toBe('/Library/Application Support/Clockhand');
    expect(policyDirectory('win32', { ProgramData: 'D:\\ProgramData' })).toBe(join('D:\\ProgramData', 'Clockhand'));
    expect(policyDirectory('linux', { CLOCKHAND_POLICY_DIR: dir })).toBe(dir);
    const sources = defaultPolicySources({ CLOCKHAND_POLICY_DIR: dir });
    expect(sources.map((s) => s.scope)).toEqual(['machine', 'user-policy']);
    expect(sources[0]?.location).toBe(join(dir, 'policies.json'));
    expect(sources[1]?.location).toMatch(new RegExp(`^${dir}/users/[^/]+\\.json$`));
  });
});
