import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ManagedPreferencesPolicySource,
  MergedPolicySource,
  parseRegQuery,
  RegistryPolicySource,
  type RunCommand,
} from '../../main/adapters/node/managed-policy-sources';
import { defaultPolicySources, PolicyFileSource } from '../../main/adapters/node/policy-file-source';
import { PolicyService } from '../../main/core/policy/policy-service';
import { silentLogger } from '../../main/core/ports/logger';
import { InMemoryPolicyState, InMemoryUserSettings } from '../fakes/fake-policy';
import { FakeTime } from '../fakes/fake-time';

// What reg.exe prints (Windows 11, `reg query HKLM\SOFTWARE\Policies\Clockhand`); reg.exe and plutil do not exist on
// this machine, so their output is replayed: the parsing and the policy it yields are what is tested here.
const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Clockhand',
  '    policies    REG_SZ    {"version":1,"screenshots":{"mode":"required","intervalMinutes":10},"activity":{"idleMinutes":15}}',
  '    activity.idleMinutes    REG_DWORD    0x7',
  '    tracking.allowEditing    REG_DWORD    0x0',
  '    integrations.allowed    REG_SZ    ["jira","tempo"]',
  '    sync.dailyAt    REG_SZ    17:30',
  '',
].join('\r\n');

const NO_KEY = 'ERROR: The system was unable to find the specified registry key or value.';

function fixed(output: string | Error): { run: RunCommand; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run: (file, args) => {
      calls.push([file, ...args]);
      if (output instanceof Error) throw output;
      return output;
    },
  };
}

function effective(sources: ConstructorParameters<typeof PolicyService>[0]): PolicyService {
  const policy = new PolicyService(
    sources,
    new InMemoryPolicyState(),
    new InMemoryUserSettings(),
    new FakeTime(Date.UTC(2026, 10, 25)),
    silentLogger,
  );
  policy.refresh();
  return policy;
}

describe('Windows Group Policy and macOS managed preferences as policy sources', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clockhand-managed-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses reg query output: strings, DWORDs and names with dots', () => {
    const values = parseRegQuery(REG_OUTPUT);
    expect(values.get('activity.idleMinutes')).toEqual({ type: 'REG_DWORD', data: '7' });
    expect(values.get('sync.dailyAt')).toEqual({ type: 'REG_SZ', data: '17:30' });
    expect(values.size).toBe(5);
  });

  it('the registry JSON plus per-setting values become the machine policy, locked', () => {
    const { run, calls } = fixed(REG_OUTPUT);
    const policy = effective([new RegistryPolicySource('machine', 'HKLM', run, () => 0)]);
    expect(calls[0]).toEqual(['reg', 'query', 'HKLM\\SOFTWARE\\Policies\\Clockhand']);
    expect(policy.get('screenshots.mode')).toBe('required');
    expect(policy.get('activity.idleMinutes')).toBe(7); // the value overrides the JSON
    expect(policy.get('tracking.allowEditing')).toBe(false); // DWORD 0 for a boolean setting
    expect(policy.get('integrations.allowed')).toEqual(['jira', 'tempo']);
    expect(policy.get('sync.dailyAt')).toBe('17:30');
    expect(policy.entry('activity.idleMinutes')).toMatchObject({ origin: 'machine', locked: true });
    expect(policy.problem()).toBeNull();
  });

  it('no registry key is no policy; a failing reg.exe is reported; reads are cached for 30 s', () => {
    expect(new RegistryPolicySource('machine', 'HKLM', fixed(new Error(NO_KEY)).run).read()).toEqual({ kind: 'absent' });
    expect(new RegistryPolicySource('machine', 'HKLM', fixed(new Error('Access is denied.')).run).read()).toEqual({
      kind: 'unreadable',
      reason: 'reg query failed: Access is denied.',
    });
    let now = 0;
    const { run, calls } = fixed(REG_OUTPUT);
    const source = new RegistryPolicySource('machine', 'HKLM', run, () => now);
    source.read();
    now = 29_000;
    source.read();
    expect(calls).toHaveLength(1);
    now = 31_000;
    source.read();
    expect(calls).toHaveLength(2);
  });

  it('a configuration profile (plutil JSON) becomes policy without its Payload keys; no profile is no policy', () => {
    const profile = JSON.stringify({
      PayloadUUID: 'A1B2',
      PayloadType: 'dev.clockhand.app',
      screenshots: { mode: 'off' },
      activity: { source: 'idle-time' },
    });
    const { run, calls } = fixed(profile);
    const source = new ManagedPreferencesPolicySource('machine', '/Library/Managed Preferences/dev.clockhand.app.plist', run, () => 0);
    const policy = effective([source]);
    expect(calls[0]).toEqual(['plutil', '-convert', 'json', '-o', '-', '--', '/Library/Managed Preferences/dev.clockhand.app.plist']);
    expect(policy.get('activity.source')).toBe('idle-time');
    expect(policy.problem()).toBeNull();
    const missing = new ManagedPreferencesPolicySource(
      'machine',
      '/nope.plist',
      fixed(new Error('/nope.plist: file does not exist or is not readable or is not a regular file')).run,
    );
    expect(missing.read()).toEqual({ kind: 'absent' });
  });

  it('Group Policy wins over the policy file key by key; the file fills in the rest', () => {
    const file = join(dir, 'policies.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, activity: { idleMinutes: 30, idleDefaultAction: 'keep' }, sync: { postMode: 'daily' } }),
      { mode: 0o644 },
    );
    const merged = new MergedPolicySource('machine', [
      new RegistryPolicySource('machine', 'HKLM', fixed(REG_OUTPUT).run, () => 0),
      new PolicyFileSource('machine', file),
    ]);
    const policy = effective([merged]);
    expect(policy.get('activity.idleMinutes')).toBe(7);
    expect(policy.get('activity.idleDefaultAction')).toBe('keep');
    expect(policy.get('sync.postMode')).toBe('daily');
    expect(merged.location).toBe(`HKLM\\SOFTWARE\\Policies\\Clockhand + ${file}`);
  });

  it('names the platform places: registry and ProgramData on Windows, managed preferences on macOS, files when CLOCKHAND_POLICY_DIR is set', () => {
    expect(defaultPolicySources({ ProgramData: 'C:\\ProgramData' }, 'win32')[0]?.location).toBe(
      `HKLM\\SOFTWARE\\Policies\\Clockhand + ${join('C:\\ProgramData', 'Clockhand', 'policies.json')}`,
    );
    expect(defaultPolicySources({}, 'darwin')[0]?.location).toBe(
      '/Library/Managed Preferences/dev.clockhand.app.plist + /Library/Application Support/Clockhand/policies.json',
    );
    expect(defaultPolicySources({ CLOCKHAND_POLICY_DIR: dir }, 'win32')[0]?.location).toBe(join(dir, 'policies.json'));
    expect(defaultPolicySources({}, 'linux')[0]?.location).toBe('/etc/clockhand/policies.json');
  });
});
