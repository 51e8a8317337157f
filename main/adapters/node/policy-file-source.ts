import { closeSync, fstatSync, lstatSync, openSync, readSync, constants } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { PolicyRead, PolicyScope, PolicySource } from '../../core/ports/policy';
import { MAX_POLICY_BYTES } from '../../core/policy/policy-service';
import { ManagedPreferencesPolicySource, MergedPolicySource, RegistryPolicySource } from './managed-policy-sources';

/**
 * Where organizations put Clockhand policy files: the machine policy, and per-user policies next to it
 * (`users/<login>.json`, written by the administrator like the machine file). CLOCKHAND_POLICY_DIR moves the folder
 * (tests, or an unusual deployment).
 */
export function policyDirectory(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CLOCKHAND_POLICY_DIR;
  if (override !== undefined && override !== '') return override;
  switch (platform) {
    case 'darwin':
      return '/Library/Application Support/Clockhand';
    case 'win32':
      return join(env.ProgramData ?? 'C:\\ProgramData', 'Clockhand');
    default:
      return '/etc/clockhand';
  }
}

/** The app id configuration profiles (macOS managed preferences) are written for. */
export const MANAGED_PREFERENCES_DOMAIN = 'dev.clockhand.app';

/**
 * Machine policy, then user-scope policy. On Windows Group Policy (HKLM / HKCU `SOFTWARE\Policies\Clockhand`) comes
 * first and the files fill in; on macOS managed preferences (MDM profiles) likewise. CLOCKHAND_POLICY_DIR means files
 * only (tests).
 */
export function defaultPolicySources(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): PolicySource[] {
  const dir = policyDirectory(platform, env);
  const login = safeLogin();
  const machineFile = new PolicyFileSource('machine', join(dir, 'policies.json'));
  const userFile = login === null ? null : new PolicyFileSource('user-policy', join(dir, 'users', `${login}.json`));
  const filesOnly = (env.CLOCKHAND_POLICY_DIR ?? '') !== '';
  const managed = filesOnly ? null : platformManaged(platform, login);
  const sources: PolicySource[] = [managed === null ? machineFile : new MergedPolicySource('machine', [managed.machine, machineFile])];
  const userManaged = managed?.user ?? null;
  const userSources = [userManaged, userFile].filter((s): s is PolicySource => s !== null);
  if (userSources.length === 1 && userSources[0] !== undefined) sources.push(userSources[0]);
  if (userSources.length > 1) sources.push(new MergedPolicySource('user-policy', userSources));
  return sources;
}

function platformManaged(platform: NodeJS.Platform, login: string | null): { machine: PolicySource; user: PolicySource | null } | null {
  switch (platform) {
    case 'win32':
      return { machine: new RegistryPolicySource('machine', 'HKLM'), user: new RegistryPolicySource('user-policy', 'HKCU') };
    case 'darwin':
      return {
        machine: new ManagedPreferencesPolicySource('machine', `/Library/Managed Preferences/${MANAGED_PREFERENCES_DOMAIN}.plist`),
        user:
          login === null
            ? null
            : new ManagedPreferencesPolicySource(
                'user-policy',
                `/Library/Managed Preferences/${login}/${MANAGED_PREFERENCES_DOMAIN}.plist`,
              ),
      };
    default:
      return null;
  }
}

function safeLogin(): string | null {
  try {
    const name = userInfo().username;
    return /^[A-Za-z0-9._-]{1,64}$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * A policy file: a regular file (not a symbolic link: it could point anywhere), at most MAX_POLICY_BYTES, and on
 * POSIX not writable by everyone (anyone could then set the organization's policy). Read synchronously: it is tiny.
 */
export class PolicyFileSource implements PolicySource {
  constructor(
    readonly scope: PolicyScope,
    readonly location: string,
  ) {}

  read(): PolicyRead {
    let link;
    try {
      link = lstatSync(this.location);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
      return { kind: 'unreadable', reason: describe(error) };
    }
    if (link.isSymbolicLink()) return { kind: 'unreadable', reason: 'is a symbolic link; policy is read only from a regular file' };
    if (!link.isFile()) return { kind: 'unreadable', reason: 'is not a regular file' };
    let fd: number | undefined;
    try {
      // O_NOFOLLOW closes the gap between the lstat above and the open (undefined on Windows, where it is 0).
      fd = openSync(this.location, constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NOFOLLOW));
      const stat = fstatSync(fd);
      if (process.platform !== 'win32' && (stat.mode & 0o002) !== 0) {
        return { kind: 'unreadable', reason: 'is writable by every user; make it writable by administrators only' };
      }
      if (stat.size > MAX_POLICY_BYTES) return { kind: 'unreadable', reason: `is larger than ${String(MAX_POLICY_BYTES / 1024)} KiB` };
      const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      if (length > MAX_POLICY_BYTES) return { kind: 'unreadable', reason: `is larger than ${String(MAX_POLICY_BYTES / 1024)} KiB` };
      const text = buffer.subarray(0, length).toString('utf8');
      return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    } catch (error) {
      return { kind: 'unreadable', reason: describe(error) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' ? 'cannot be read (permission denied)' : error instanceof Error ? error.message : String(error);
}
