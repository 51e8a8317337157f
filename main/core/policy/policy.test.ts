import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../../test/fakes/core-harness';
import { parsePolicy } from './policy-service';

const nineAm = new Date(2026, 10, 23, 9, 0, 0).getTime();

function setting(h: ReturnType<typeof coreHarness>, key: string): { value: unknown; source: string; locked: boolean } | undefined {
  return must(h.core.invoke('policy.show', {})).settings.find((s) => s.key === key);
}

describe('effective settings', () => {
  it('machine policy > user-scope policy > the user > defaults, and a policy value locks its setting', () => {
    const h = coreHarness(nineAm);
    expect(setting(h, 'activity.idleMinutes')).toEqual({ key: 'activity.idleMinutes', value: 5, source: 'default', locked: false });
    expect(must(h.core.invoke('settings.set', { key: 'activity.idleMinutes', value: 12 }))).toMatchObject({ value: 12, source: 'user' });
    h.policy.userPolicy.set({ version: 1, activity: { idleMinutes: 8, idlePromptMinutes: 20 } });
    h.time.advance(2_000);
    expect(setting(h, 'activity.idleMinutes')).toMatchObject({ value: 8, source: 'user-policy', locked: true });
    h.policy.machine.set({ version: 1, activity: { idleMinutes: 3 } });
    h.time.advance(2_000);
    expect(setting(h, 'activity.idleMinutes')).toMatchObject({ value: 3, source: 'machine', locked: true });
    expect(setting(h, 'activity.idlePromptMinutes')).toMatchObject({ value: 20, source: 'user-policy', locked: true });
    expect(setting(h, 'screenshots.mode')).toMatchObject({ value: 'off', source: 'default', locked: false });

    const refused = h.core.invoke('settings.set', { key: 'activity.idleMinutes', value: 30 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    if (!refused.ok) expect(refused.error.message).toContain('machine policy /etc/clockhand/policies.json');
    expect(h.core.invoke('settings.reset', { key: 'activity.idleMinutes' })).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    // The user's own value survives underneath and comes back when the policies go.
    h.policy.machine.remove();
    h.policy.userPolicy.remove();
    h.time.advance(2_000);
    expect(setting(h, 'activity.idleMinutes')).toMatchObject({ value: 12, source: 'user', locked: false });
  });

  it('the idle threshold follows the policy live, within seconds', () => {
    const h = coreHarness(nineAm);
    h.time.advance(2 * 60_000 + 1_000);
    expect(must(h.core.invoke('status', {})).idle.idle).toBe(false);
    h.policy.machine.set({ version: 1, activity: { idleMinutes: 1 } });
    h.time.advance(2_000);
    expect(must(h.core.invoke('status', {})).idle.idle).toBe(true);
    expect(must(h.core.invoke('status', {})).policy).toEqual({ problem: null, lockedSettings: 1 });
  });

  it('activity.source = idle-time skips the input hook, live', () => {
    const h = coreHarness(nineAm);
    expect(must(h.core.invoke('status', {})).activity.source).toBe('hook');
    h.policy.machine.set({ version: 1, activity: { source: 'idle-time' } });
    h.time.advance(2_000);
    expect(h.source.live).toBe(false);
    expect(must(h.core.invoke('status', {})).activity.source).toBe('none'); // the harness has only a hook source
    h.policy.machine.remove();
    h.time.advance(2_000);
    expect(h.source.live).toBe(true);
    expect(must(h.core.invoke('status', {})).activity.source).toBe('hook');
  });

  it('validates user values and refuses unknown and admin-only keys', () => {
    const h = coreHarness(nineAm);
    for (const [key, value, message] of [
      ['activity.idleMinutes', 0, /activity.idleMinutes/],
      ['activity.idleMinutes', '5', /activity.idleMinutes/],
      ['screenshots.mode', 'sometimes', /screenshots.mode/],
      ['no.such.key', 1, /unknown setting/],
      ['integrations.jira.oauth', { clientId: 'x' }, /administrator/],
    ] as const) {
      const result = h.core.invoke('settings.set', { key, value });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect(h.policy.userSettings.values.size).toBe(0);
  });

  it('tracking.allowManualEntries and allowEditing refuse the operations they forbid', () => {
    const h = coreHarness(nineAm);
    const added = must(h.core.invoke('entry.add', { taskRef: 'local:a', start: '2026-11-23T07:00', end: '2026-11-23T08:00' }));
    h.policy.machine.set({ version: 1, tracking: { allowManualEntries: false, allowEditing: false } });
    h.time.advance(2_000);
    const add = h.core.invoke('entry.add', { taskRef: 'local:b', start: '2026-11-23T05:00', end: '2026-11-23T06:00' });
    expect(add).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    for (const [name, input] of [
      ['entry.edit', { id: added.id, note: 'x' }],
      ['entry.split', { id: added.id, at: '2026-11-23T07:30' }],
      ['entry.delete', { id: added.id }],
    ] as const) {
      expect(h.core.invoke(name, input)).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    }
    expect(must(h.core.invoke('entries.list', {}))).toHaveLength(1);
    // The timer is not a manual entry: it still works.
    must(h.core.invoke('timer.start', { taskRef: 'local:c' }));
  });

  it('never shows an OAuth client secret', () => {
    const h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, integrations: { jira: { oauth: { clientId: 'cid-123', clientSecret: 'very-secret-value' } } } });
    h.time.advance(2_000);
    const view = JSON.stringify(must(h.core.invoke('policy.show', {})));
    expect(view).toContain('cid-123');
    expect(view).not.toContain('very-secret-value');
    expect(JSON.stringify(must(h.core.invoke('policy.history', {})))).not.toContain('very-secret-value');
  });
});

describe('invalid policy', () => {
  it('keeps the last valid policy and says so; a fixed file applies again', () => {
    const h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 10 } });
    h.time.advance(2_000);
    for (const broken of [
      '{ "version": 1, ',
      { version: 1, screenshots: { mode: 'always' } },
      { version: 1, screenshotz: {} },
      { version: 2 },
    ]) {
      h.policy.machine.set(broken);
      h.time.advance(2_000);
      expect(setting(h, 'screenshots.mode')).toMatchObject({ value: 'required', source: 'machine', locked: true });
      const view = must(h.core.invoke('policy.show', {}));
      expect(view.sources[0]).toMatchObject({ state: 'invalid', usingLastValid: true });
      expect(view.problem).toMatch(/is invalid .*the last valid policy still applies/);
    }
    expect(h.logs.filter((l) => l.level === 'error' && l.message === 'policy could not be applied').length).toBeGreaterThanOrEqual(3);
    // One notification per new problem, not one per re-read of the same broken file.
    h.time.advance(10_000);
    expect(h.policy.problems).toHaveLength(4);
    expect(h.policy.problems[0]).toMatch(/^the machine policy at \/etc\/clockhand\/policies.json is invalid \(/);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'off' } });
    h.time.advance(2_000);
    expect(must(h.core.invoke('policy.show', {})).problem).toBeNull();
    expect(setting(h, 'screenshots.mode')).toMatchObject({ value: 'off', locked: true });
  });

  it('says loudly when there never was a valid policy, and applies defaults', () => {
    const h = coreHarness(nineAm);
    h.policy.machine.breakRead('cannot be read (permission denied)');
    h.time.advance(2_000);
    const status = must(h.core.invoke('status', {}));
    expect(status.policy.problem).toMatch(/organization's machine policy .* could not be read .*defaults apply/);
    expect(setting(h, 'screenshots.mode')).toMatchObject({ value: 'off', source: 'default' });
  });

  it('the last valid policy survives a restart', () => {
    let h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, activity: { idleMinutes: 2 } });
    h.time.advance(2_000);
    h.policy.machine.set('garbage');
    h = h.restart(1_000);
    expect(setting(h, 'activity.idleMinutes')).toMatchObject({ value: 2, source: 'machine' });
    expect(must(h.core.invoke('status', {})).policy.problem).toMatch(/last valid policy still applies/);
  });

  it('parsePolicy names the problem', () => {
    expect(parsePolicy('{"version":1,"activity":{"idleMinutes":"five"}}').error).toMatch(/^activity.idleMinutes: /);
    expect(parsePolicy('{"version":1,"sync":{"dailyAt":"25:00"}}').error).toMatch(/HH:MM/);
    expect(parsePolicy('{"version":1,"integrations":{"jira":{"sites":["http://acme.atlassian.net"]}}}').error).toMatch(/https/);
    expect(parsePolicy('{"version":1,"standup":{"weekdays":[1,1]}}').error).toMatch(/repeat/);
    expect(parsePolicy(`{"version":1,"x":"${'a'.repeat(300 * 1024)}"}`).error).toMatch(/larger than 256 KiB/);
    expect(parsePolicy('[]').error).not.toBeNull();
  });
});

describe('policy history', () => {
  it('records one plain sentence per change and announces it', () => {
    const h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 10 } });
    h.time.advance(2_000);
    h.policy.machine.set({
      version: 1,
      screenshots: { mode: 'required', intervalMinutes: 10 },
      standup: { enabled: true, weekdays: [1, 3] },
    });
    h.time.advance(2_000);
    h.policy.machine.remove();
    h.time.advance(2_000);
    const sentences = must(h.core.invoke('policy.history', {})).map((c) => c.sentence);
    expect(sentences.reverse()).toEqual([
      'Your organization turned on screenshots every 10 minutes.',
      'Your organization set the screenshot interval (minutes) to 10.',
      'Your organization turned on daily standups.',
      'Your organization set the standup weekdays to 1, 3.',
      'Your organization no longer manages screenshots; your own setting applies (off).',
      'Your organization no longer manages the screenshot interval (minutes); your own setting applies (5).',
      'Your organization no longer manages daily standups; your own setting applies (off).',
      'Your organization no longer manages the standup weekdays; your own setting applies (1, 2, 3, 4, 5).',
    ]);
    expect(h.policy.announced).toEqual(sentences);
    expect(must(h.core.invoke('policy.history', { limit: 2 }))).toHaveLength(2);
  });

  it('an unchanged policy adds nothing, and a change while the agent was down is recorded at start', () => {
    let h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, sync: { postMode: 'daily' } });
    h.time.advance(10_000);
    expect(must(h.core.invoke('policy.history', {}))).toHaveLength(1);
    h.core.tracker.stop();
    h.policy.machine.set({ version: 1, sync: { postMode: 'review' } });
    h = h.restart(60_000);
    expect(must(h.core.invoke('policy.history', {}))[0]?.sentence).toBe('Your organization set when worklogs are posted to review.');
  });
});
