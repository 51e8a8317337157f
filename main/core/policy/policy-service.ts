import { policyDocumentSchema, type PolicyDocument } from '../../../common/policy-schema';
import { DomainError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { PolicyChange, PolicyScope, PolicySource, PolicyStateRepository, UserSettingsRepository } from '../ports/policy';
import type { TrackingSettings } from '../ports/settings';
import { changeSentence } from './policy-sentences';
import { isAdminOnlySetting, isSecretSetting, isSettingKey, policyValueAt, SETTING_KEYS, SETTINGS, type SettingKey } from './setting-keys';

/** Policy files are small; anything bigger is refused before parsing. */
export const MAX_POLICY_BYTES = 256 * 1024;

export type SettingOrigin = PolicyScope | 'user' | 'default';

export interface EffectiveSetting {
  readonly key: SettingKey;
  readonly value: unknown;
  readonly origin: SettingOrigin;
  readonly locked: boolean;
}

export type SourceState = 'absent' | 'ok' | 'invalid' | 'unreadable';

export interface PolicySourceStatus {
  readonly scope: PolicyScope;
  readonly location: string;
  readonly state: SourceState;
  readonly error: string | null;
  /** true when the file is broken and the last valid policy still applies */
  readonly usingLastValid: boolean;
  readonly appliedAt: number | null;
}

interface SourceView {
  readonly status: PolicySourceStatus;
  readonly document: PolicyDocument | null;
}

/**
 * Effective settings: machine policy > user-scope policy > the user's own settings > defaults. A policy value
 * locks its setting. A broken policy keeps its last valid version; changes are recorded as plain sentences.
 */
export class PolicyService {
  private views: SourceView[];
  private effective: Map<SettingKey, EffectiveSetting>;

  constructor(
    private readonly sources: readonly PolicySource[],
    private readonly state: PolicyStateRepository,
    private readonly userSettings: UserSettingsRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onChange: (sentences: readonly string[]) => void = () => undefined,
    /** Called once when a source newly fails (not again while the same problem lasts), with the status sentence. */
    private readonly onProblem: (sentence: string) => void = () => undefined,
  ) {
    this.views = sources.map((source) => this.fromLastValid(source));
    this.effective = this.compute();
  }

  /** Re-reads every source; records and announces what changed. Cheap: call it every few seconds. */
  refresh(): void {
    const now = this.clock.now();
    const before = this.effective;
    const previousErrors = this.views.map((view) => view.status.error);
    this.views = this.sources.map((source) => this.read(source, now));
    const failedNow = this.views.filter((view, index) => view.status.error !== null && view.status.error !== previousErrors[index]);
    for (const view of failedNow) {
      this.logger.error('policy could not be applied', {
        scope: view.status.scope,
        location: view.status.location,
        error: view.status.error,
      });
    }
    const problem = this.problem();
    if (failedNow.length > 0 && problem !== null) this.onProblem(problem);
    this.effective = this.compute();
    const sentences = this.recordChanges(before, now);
    if (sentences.length > 0) this.onChange(sentences);
  }

  get(key: SettingKey): unknown {
    return this.effective.get(key)?.value ?? SETTINGS[key].defaultValue;
  }

  list(): EffectiveSetting[] {
    return SETTING_KEYS.map((key) => this.entry(key));
  }

  entry(key: SettingKey): EffectiveSetting {
    return this.effective.get(key) ?? { key, value: SETTINGS[key].defaultValue, origin: 'default', locked: false };
  }

  sourceStatus(): PolicySourceStatus[] {
    return this.views.map((view) => view.status);
  }

  /** A sentence for status when policy is not what the organization meant, or null. */
  problem(): string | null {
    for (const { status } of this.views) {
      if (status.error === null) continue;
      return status.usingLastValid
        ? `the ${status.scope} policy at ${status.location} is invalid (${status.error}); the last valid policy still applies`
        : `the organization's ${status.scope} policy at ${status.location} could not be read (${status.error}); defaults apply`;
    }
    return null;
  }

  /** Changes the user's own value; refused when a policy locks it. */
  setUserSetting(keyText: string, value: unknown): EffectiveSetting {
    const key = this.userKey(keyText);
    const parsed = SETTINGS[key].schema.safeParse(value);
    if (!parsed.success) {
      throw new DomainError('invalid_input', `${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
    }
    this.userSettings.set(key, parsed.data, this.clock.now());
    this.effective = this.compute();
    return this.entry(key);
  }

  /** Goes back to the default for the user's own value; refused when a policy locks it. */
  resetUserSetting(keyText: string): EffectiveSetting {
    const key = this.userKey(keyText);
    this.userSettings.delete(key);
    this.effective = this.compute();
    return this.entry(key);
  }

  /** The organization's changes, newest first. */
  history(limit: number): PolicyChange[] {
    return this.state.history(limit);
  }

  /** The core's tracking settings, live. */
  trackingSettings(): TrackingSettings {
    return {
      idleMinutes: this.get('activity.idleMinutes') as number,
      idlePromptMinutes: this.get('activity.idlePromptMinutes') as number,
      idleDefaultAction: this.get('activity.idleDefaultAction') as TrackingSettings['idleDefaultAction'],
    };
  }

  /** Refuses an action a policy forbids, naming who decided. */
  requireAllowed(key: 'tracking.allowManualEntries' | 'tracking.allowEditing', what: string): void {
    if (this.get(key) === false)
      throw new DomainError('policy_locked', `${what} is turned off by your organization (${this.describeOrigin(key)})`);
  }

  private userKey(keyText: string): SettingKey {
    if (!isSettingKey(keyText)) throw new DomainError('invalid_input', `unknown setting "${keyText.slice(0, 80)}"`);
    if (isSecretSetting(keyText) || isAdminOnlySetting(keyText)) {
      throw new DomainError('invalid_input', `${keyText} is set by an administrator only`);
    }
    const current = this.entry(keyText);
    if (current.locked) {
      throw new DomainError(
        'policy_locked',
        `${keyText} is set by your organization (${this.describeOrigin(keyText)}) and cannot be changed here`,
      );
    }
    return keyText;
  }

  private describeOrigin(key: SettingKey): string {
    const origin = this.entry(key).origin;
    const view = this.views.find((candidate) => candidate.status.scope === origin);
    return view ? `${origin} policy ${view.status.location}` : origin;
  }

  /** What applied when we last ran: changes made to the files meanwhile are recorded at the first refresh. */
  private fromLastValid(source: PolicySource): SourceView {
    return this.lastValidView(source, null);
  }

  /** The file is broken: the last valid policy (if any) keeps applying, and the problem is reported. */
  private fallback(source: PolicySource, state: 'invalid' | 'unreadable', error: string): SourceView {
    return this.lastValidView(source, { state, error });
  }

  private lastValidView(source: PolicySource, problem: { state: 'invalid' | 'unreadable'; error: string } | null): SourceView {
    const last = this.state.lastValid(source.scope);
    const document = last === null ? null : parsePolicy(last.text).document;
    return {
      status: {
        scope: source.scope,
        location: source.location,
        state: problem?.state ?? (document ? 'ok' : 'absent'),
        error: problem?.error ?? null,
        usingLastValid: problem !== null && document !== null,
        appliedAt: last?.appliedAt ?? null,
      },
      document,
    };
  }

  private read(source: PolicySource, now: number): SourceView {
    const base = { scope: source.scope, location: source.location };
    const result = source.read();
    switch (result.kind) {
      case 'absent':
        if (this.state.lastValid(source.scope) !== null) this.state.clearLastValid(source.scope);
        return { status: { ...base, state: 'absent', error: null, usingLastValid: false, appliedAt: null }, document: null };
      case 'unreadable':
        return this.fallback(source, 'unreadable', result.reason);
      case 'text': {
        const parsed = parsePolicy(result.text);
        if (parsed.document === null) return this.fallback(source, 'invalid', parsed.error);
        const last = this.state.lastValid(source.scope);
        if (last?.text !== result.text) this.state.saveLastValid(source.scope, result.text, now);
        return {
          status: {
            ...base,
            state: 'ok',
            error: null,
            usingLastValid: false,
            appliedAt: last?.text === result.text ? last.appliedAt : now,
          },
          document: parsed.document,
        };
      }
    }
  }

  private compute(): Map<SettingKey, EffectiveSetting> {
    const result = new Map<SettingKey, EffectiveSetting>();
    for (const key of SETTING_KEYS) {
      result.set(key, this.resolve(key));
    }
    return result;
  }

  private resolve(key: SettingKey): EffectiveSetting {
    for (const view of this.views) {
      if (view.document === null) continue;
      const value = policyValueAt(view.document, key);
      if (value !== undefined) return { key, value, origin: view.status.scope, locked: true };
    }
    const own = this.userSettings.get(key);
    if (own !== undefined) {
      const parsed = SETTINGS[key].schema.safeParse(own);
      if (parsed.success) return { key, value: parsed.data, origin: 'user', locked: false };
      this.logger.warn('ignoring an invalid user setting', { key });
    }
    return { key, value: SETTINGS[key].defaultValue, origin: 'default', locked: false };
  }

  private recordChanges(before: ReadonlyMap<SettingKey, EffectiveSetting>, now: number): string[] {
    const sentences: string[] = [];
    for (const key of SETTING_KEYS) {
      const old = before.get(key);
      const next = this.entry(key);
      if (old === undefined) continue;
      const managedBefore = old.origin === 'machine' || old.origin === 'user-policy';
      const managedAfter = next.origin === 'machine' || next.origin === 'user-policy';
      if (!managedBefore && !managedAfter) continue;
      if (managedBefore === managedAfter && JSON.stringify(old.value) === JSON.stringify(next.value)) continue;
      const sentence = changeSentence({
        key,
        before: { value: old.value, managed: managedBefore },
        after: { value: next.value, managed: managedAfter },
        intervalMinutes: this.get('screenshots.intervalMinutes') as number,
      });
      const scope = managedAfter ? next.origin : (old.origin as PolicyScope);
      this.state.appendHistory({ at: now, scope, key, sentence });
      this.logger.info('policy changed a setting', { key, scope });
      sentences.push(sentence);
    }
    return sentences;
  }
}

/** JSON text -> a valid policy document, or the first problem in words. */
export function parsePolicy(text: string): { document: PolicyDocument; error: null } | { document: null; error: string } {
  if (text.length > MAX_POLICY_BYTES) return { document: null, error: `larger than ${String(MAX_POLICY_BYTES / 1024)} KiB` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { document: null, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = policyDocumentSchema.safeParse(json);
  if (parsed.success) return { document: parsed.data, error: null };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { document: null, error: `${where}${issue?.message ?? 'invalid policy'}` };
}
