/** Where a managed policy comes from, highest precedence first. */
export type PolicyScope = 'machine' | 'user-policy';

export type PolicyRead =
  { readonly kind: 'absent' } | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'unreadable'; readonly reason: string };

/** One place an organization can put a policy (a managed file, later the registry or managed preferences). */
export interface PolicySource {
  readonly scope: PolicyScope;
  /** Shown to the employee: "/etc/clockhand/policies.json". */
  readonly location: string;
  read(): PolicyRead;
}

export interface PolicyChange {
  readonly at: number;
  readonly scope: PolicyScope;
  readonly key: string;
  readonly sentence: string;
}

export interface PolicyStateRepository {
  /** The last policy text that was valid for a scope: it keeps applying while the file is broken. */
  lastValid(scope: PolicyScope): { readonly text: string; readonly appliedAt: number } | null;
  saveLastValid(scope: PolicyScope, text: string, at: number): void;
  clearLastValid(scope: PolicyScope): void;
  appendHistory(change: PolicyChange): void;
  /** Newest first. */
  history(limit: number): PolicyChange[];
}

/** The user's own settings (JSON values by flat key). */
export interface UserSettingsRepository {
  get(key: string): unknown;
  set(key: string, value: unknown, now: number): void;
  delete(key: string): void;
}
