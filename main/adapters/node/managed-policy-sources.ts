import { execFileSync } from 'node:child_process';
import type { PolicyRead, PolicyScope, PolicySource } from '../../core/ports/policy';
import { MAX_POLICY_BYTES } from '../../core/policy/policy-service';
import { isSettingKey, SETTINGS } from '../../core/policy/setting-keys';
import { mergePolicyObjects } from './remote-policy';

/** Runs a command and returns its stdout (throws when it fails). Injected in tests: reg.exe and plutil are not here. */
export type RunCommand = (file: string, args: readonly string[]) => string;

const runCommand: RunCommand = (file, args) =>
  execFileSync(file, [...args], { encoding: 'utf8', timeout: 5_000, maxBuffer: MAX_POLICY_BYTES * 4, windowsHide: true });

/** Re-reading the registry or managed preferences spawns a process: at most this often. */
const CACHE_MS = 30_000;

abstract class CommandPolicySource implements PolicySource {
  private cached: { at: number; read: PolicyRead } | null = null;

  constructor(
    readonly scope: PolicyScope,
    readonly location: string,
    protected readonly run: RunCommand,
    private readonly now: () => number,
  ) {}

  read(): PolicyRead {
    const now = this.now();
    if (this.cached !== null && now - this.cached.at < CACHE_MS) return this.cached.read;
    const read = this.load();
    this.cached = { at: now, read };
    return read;
  }

  protected abstract load(): PolicyRead;
}

/**
 * Windows Group Policy: `HKLM\SOFTWARE\Policies\Clockhand` (machine) or `HKCU\...` (user). The value `policies`
 * (REG_SZ, or REG_MULTI_SZ joined by newlines) holds the same JSON as policies.json; values named by a setting key
 * (`screenshots.mode` REG_SZ, `activity.idleMinutes` REG_DWORD, `tracking.allowEditing` REG_DWORD 0/1, lists as JSON
 * REG_SZ) override it one by one, which is what ADMX templates write.
 */
export class RegistryPolicySource extends CommandPolicySource {
  constructor(scope: PolicyScope, hive: 'HKLM' | 'HKCU', run: RunCommand = runCommand, now: () => number = Date.now) {
    super(scope, `${hive}\\SOFTWARE\\Policies\\Clockhand`, run, now);
  }

  protected load(): PolicyRead {
    let output: string;
    try {
      output = this.run('reg', ['query', this.location]);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // reg.exe exits 1 with "unable to find the specified registry key" when there is no policy.
      if (/unable to find|cannot find|not find/i.test(text)) return { kind: 'absent' };
      return { kind: 'unreadable', reason: `reg query failed: ${text.split('\n')[0] ?? text}` };
    }
    const values = parseRegQuery(output);
    if (values.size === 0) return { kind: 'absent' };
    let document: Record<string, unknown> = { version: 1 };
    const whole = values.get('policies')?.data;
    if (whole !== undefined) {
      try {
        const parsed: unknown = JSON.parse(whole);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        document = parsed as Record<string, unknown>;
      } catch {
        return { kind: 'text', text: whole }; // the policy service names the JSON problem
      }
    }
    for (const [name, value] of values) {
      if (name === 'policies' || !/^[a-z]+(\.[a-zA-Z]+)+$/.test(name)) continue;
      setPath(document, name.split('.'), registryValue(name, value));
    }
    const text = JSON.stringify(document);
    return text.length > MAX_POLICY_BYTES ? { kind: 'unreadable', reason: 'is larger than the policy limit' } : { kind: 'text', text };
  }
}

/**
 * macOS managed preferences (a configuration profile pushed by MDM) for the app id: the plist at
 * `/Library/Managed Preferences/<app id>.plist` (or the per-user folder), read as JSON through `plutil`. Its keys are
 * those of policies.json (dictionaries for sections).
 */
export class ManagedPreferencesPolicySource extends CommandPolicySource {
  constructor(scope: PolicyScope, plistPath: string, run: RunCommand = runCommand, now: () => number = Date.now) {
    super(scope, plistPath, run, now);
  }

  protected load(): PolicyRead {
    let output: string;
    try {
      output = this.run('plutil', ['-convert', 'json', '-o', '-', '--', this.location]);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/no such file|does not exist|couldn.t be opened because there is no such file/i.test(text)) return { kind: 'absent' };
      return { kind: 'unreadable', reason: `plutil failed: ${text.split('\n')[0] ?? text}` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      return { kind: 'unreadable', reason: 'plutil did not produce JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { kind: 'unreadable', reason: 'is not a dictionary' };
    // Profiles carry their own bookkeeping keys; the policy has none of them.
    const document: Record<string, unknown> = { version: 1 };
    for (const [key, value] of Object.entries(parsed))
      if (!key.startsWith('Payload') && !key.startsWith('PayloadUUID')) document[key] = value;
    return { kind: 'text', text: JSON.stringify(document) };
  }
}

/** `reg query` output -> value name -> text (REG_DWORD as a decimal string, REG_MULTI_SZ joined by newlines). */
export function parseRegQuery(output: string): Map<string, { type: string; data: string }> {
  const values = new Map<string, { type: string; data: string }>();
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(\S(?:.*?\S)?) {4}(REG_SZ|REG_EXPAND_SZ|REG_MULTI_SZ|REG_DWORD|REG_QWORD) {4}(.*)$/.exec(line);
    if (match === null) continue;
    const [, name = '', type = '', raw = ''] = match;
    const data =
      type === 'REG_DWORD' || type === 'REG_QWORD'
        ? String(Number.parseInt(raw, 16))
        : type === 'REG_MULTI_SZ'
          ? raw.split('\\0').join('\n')
          : raw;
    values.set(name, { type, data });
  }
  return values;
}

/** A registry value as the setting wants it: REG_DWORD 0/1 is a boolean where the setting is one. */
function registryValue(name: string, value: { type: string; data: string }): unknown {
  if (value.type === 'REG_DWORD' || value.type === 'REG_QWORD') {
    const number = Number(value.data);
    if (isSettingKey(name) && (number === 0 || number === 1) && SETTINGS[name].schema.safeParse(number === 1).success) return number === 1;
    return number;
  }
  const text = value.data.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, value);
}

/**
 * Several places for one scope (Group Policy and the policy file; MDM and the policy file), first wins key by key.
 * A place that cannot be read, or holds text that is not JSON, is reported as it is.
 */
export class MergedPolicySource implements PolicySource {
  readonly location: string;

  constructor(
    readonly scope: PolicyScope,
    private readonly sources: readonly PolicySource[],
  ) {
    this.location = sources.map((source) => source.location).join(' + ');
  }

  read(): PolicyRead {
    let merged: Record<string, unknown> | null = null;
    for (const source of [...this.sources].reverse()) {
      const read = source.read();
      if (read.kind === 'absent') continue;
      if (read.kind === 'unreadable') return { kind: 'unreadable', reason: `${source.location} ${read.reason}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(read.text);
      } catch {
        return read;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return read;
      merged = merged === null ? (parsed as Record<string, unknown>) : mergePolicyObjects(merged, parsed as Record<string, unknown>);
    }
    return merged === null ? { kind: 'absent' } : { kind: 'text', text: JSON.stringify(merged) };
  }
}
