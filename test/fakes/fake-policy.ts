import type {
  PolicyChange,
  PolicyRead,
  PolicyScope,
  PolicySource,
  PolicyStateRepository,
  UserSettingsRepository,
} from '../../main/core/ports/policy';

/** A policy "file" the test writes to: set(text), remove(), or breakRead(reason). */
export class FakePolicySource implements PolicySource {
  private current: PolicyRead = { kind: 'absent' };

  constructor(
    readonly scope: PolicyScope,
    readonly location = scope === 'machine' ? '/etc/clockhand/policies.json' : '/etc/clockhand/users/ada.json',
  ) {}

  read(): PolicyRead {
    return this.current;
  }

  set(policy: string | object): void {
    this.current = { kind: 'text', text: typeof policy === 'string' ? policy : JSON.stringify(policy) };
  }

  remove(): void {
    this.current = { kind: 'absent' };
  }

  breakRead(reason: string): void {
    this.current = { kind: 'unreadable', reason };
  }
}

export class InMemoryPolicyState implements PolicyStateRepository {
  private readonly last = new Map<PolicyScope, { text: string; appliedAt: number }>();
  private readonly changes: PolicyChange[] = [];

  lastValid(scope: PolicyScope): { text: string; appliedAt: number } | null {
    return this.last.get(scope) ?? null;
  }
  saveLastValid(scope: PolicyScope, text: string, at: number): void {
    this.last.set(scope, { text, appliedAt: at });
  }
  clearLastValid(scope: PolicyScope): void {
    this.last.delete(scope);
  }
  appendHistory(change: PolicyChange): void {
    this.changes.push(change);
  }
  history(limit: number): PolicyChange[] {
    return [...this.changes].reverse().slice(0, limit);
  }
}

export class InMemoryUserSettings implements UserSettingsRepository {
  readonly values = new Map<string, unknown>();

  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}
