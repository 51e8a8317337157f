import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../../test/fakes/core-harness';
import { parseCommand } from './desktop-commands';

const nineAm = new Date(2026, 10, 23, 9, 0, 0).getTime();

describe('desktop service', () => {
  it('resolves every command to an operation, the window or quitting', () => {
    const { desktop } = coreHarness(nineAm).core;
    const steps = [
      'timer.start:jira:PROJ-1',
      'timer.stop',
      'idle.discard:4',
      'screenshot.delete:4f7c2a9e-1b2c-4d5e-8f90-123456789abc',
      'window.open:screenshots:4f7c2a9e-1b2c-4d5e-8f90-123456789abc',
      'window.open:sync',
      'quit',
    ].map((text) => {
      const command = parseCommand(text);
      if (command === null) throw new Error(text);
      return desktop.resolve(command);
    });
    expect(steps).toEqual([
      { kind: 'invoke', step: { name: 'timer.start', input: { taskRef: 'jira:PROJ-1' } }, changes: ['timer', 'entries'] },
      { kind: 'invoke', step: { name: 'timer.stop', input: {} }, changes: ['timer', 'entries', 'sync'] },
      {
        kind: 'invoke',
        step: { name: 'idle.resolve', input: { action: 'discard', id: 4 } },
        changes: ['idle', 'entries', 'timer'],
      },
      {
        kind: 'invoke',
        step: { name: 'screenshot.delete', input: { id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' } },
        changes: ['screenshots'],
      },
      { kind: 'window', view: 'screenshots', id: '4f7c2a9e-1b2c-4d5e-8f90-123456789abc' },
      { kind: 'window', view: 'sync', id: null },
      { kind: 'quit' },
    ]);
  });

  it('reads the login item and shortcut settings, and a policy locks them', () => {
    const h = coreHarness(nineAm);
    expect(h.core.desktop.integrationSettings()).toEqual({ openAtLogin: false, timerShortcut: null });
    must(h.core.invoke('settings.set', { key: 'desktop.openAtLogin', value: true }));
    must(h.core.invoke('settings.set', { key: 'desktop.timerShortcut', value: 'CommandOrControl+Alt+T' }));
    expect(h.core.desktop.integrationSettings()).toEqual({ openAtLogin: true, timerShortcut: 'CommandOrControl+Alt+T' });
    const bad = h.core.invoke('settings.set', { key: 'desktop.timerShortcut', value: 'rm -rf /' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    h.policy.machine.set({ version: 1, desktop: { openAtLogin: false } });
    h.time.advance(5_000);
    expect(h.core.desktop.integrationSettings().openAtLogin).toBe(false);
    expect(h.core.invoke('settings.set', { key: 'desktop.openAtLogin', value: true })).toMatchObject({
      ok: false,
      error: { code: 'policy_locked' },
    });
  });

  it('the settings revision changes with a setting, a policy file and a connection state, and only then', async () => {
    const h = coreHarness(nineAm);
    const first = h.core.desktop.settingsRevision();
    h.time.advance(5_000);
    expect(h.core.desktop.settingsRevision()).toBe(first);
    must(h.core.invoke('settings.set', { key: 'standup.slackChannel', value: 'C0STANDUP' }));
    const afterSetting = h.core.desktop.settingsRevision();
    expect(afterSetting).not.toBe(first);
    h.policy.machine.set({ version: 1, integrations: { allowed: ['jira'] } });
    h.time.advance(5_000);
    const afterPolicy = h.core.desktop.settingsRevision();
    expect(afterPolicy).not.toBe(afterSetting);
    h.policy.machine.set({ version: 1, integrations: { allowed: ['jira', 'slack'] } });
    h.time.advance(5_000);
    const where = { provider: 'slack', auth: 'oauth', site: 'https://acme.slack.com', baseUrl: 'https://slack.com/api' } as const;
    const record = await h.core.connections.store(where, { accountId: 'U1', accountName: 'Ada', login: null }, 'secret');
    const connected = h.core.desktop.settingsRevision();
    h.core.connections.markNeedsReauth(record.id, 'Slack revoked the token');
    expect(h.core.desktop.settingsRevision()).not.toBe(connected);
  });

  it('the tray shows the organization-managed screenshot state from the real policy', async () => {
    const h = coreHarness(nineAm);
    h.policy.machine.set({ version: 1, screenshots: { mode: 'required', intervalMinutes: 10 } });
    h.time.advance(5_000);
    await Promise.resolve();
    const labels = h.core.desktop.trayView().items.flatMap((item) => (item.kind === 'label' ? [item.text] : []));
    expect(labels.some((text) => text.startsWith('Screenshots') && text.endsWith('— managed by your organization'))).toBe(true);
  });
});
