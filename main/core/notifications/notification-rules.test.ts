import { describe, expect, it } from 'vitest';
import { coreHarness, must, type CoreHarness } from '../../../test/fakes/core-harness';
import { parseCommand } from '../desktop/desktop-commands';
import type { Notification, NotificationKind } from '../ports/notifier';
import { NotificationRules } from './notification-rules';

const nineAm = new Date(2026, 10, 23, 9, 0, 0).getTime();
const MIN = 60_000;

function sent(h: CoreHarness, kind: NotificationKind): Notification[] {
  return h.screenshots.notifier.sent.filter((n) => n.kind === kind);
}

/** `ms` of work: mouse input every second. */
function work(h: CoreHarness, ms: number): void {
  h.time.advance(ms, () => {
    h.source.emit('mouse');
  });
}

/** Runs a notification button's command the way the app does: parse, resolve, invoke. */
async function press(h: CoreHarness, actionId: string): Promise<void> {
  const command = parseCommand(actionId);
  if (command === null) throw new Error(`not a command: ${actionId}`);
  const step = h.core.desktop.resolve(command);
  if (step.kind !== 'invoke') throw new Error(`expected an operation, got ${step.kind}`);
  must(await h.core.invokeAsync(step.step.name, step.step.input));
}

describe('notification rules (real core, fake time)', () => {
  it('forgot to start: activity without a timer for 15 minutes (the default) raises one reminder per stretch', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-4' }));
    work(h, 2 * MIN);
    must(h.core.invoke('timer.stop', {}));
    work(h, 14 * MIN);
    expect(sent(h, 'forgot-to-start')).toEqual([]);
    work(h, 2 * MIN);
    const [reminder, ...more] = sent(h, 'forgot-to-start');
    expect(more).toEqual([]);
    expect(reminder?.body).toBe('You have been active for 15 minutes without a timer. Start jira:PROJ-4 again?');
    expect(reminder?.actions?.map((a) => a.id)).toEqual(['timer.start:jira:PROJ-4']);
    work(h, 30 * MIN);
    expect(sent(h, 'forgot-to-start')).toHaveLength(1);
    // Away (idle) and back: a new stretch, a new reminder after another 15 minutes.
    h.time.advance(10 * MIN);
    work(h, 16 * MIN);
    expect(sent(h, 'forgot-to-start')).toHaveLength(2);
  });

  it('forgot to start follows the setting; 0 turns it off, and a running timer never gets it', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('settings.set', { key: 'notifications.forgotToStartMinutes', value: 5 }));
    work(h, 6 * MIN);
    expect(sent(h, 'forgot-to-start')).toHaveLength(1);
    const off = coreHarness(nineAm, { idleMinutes: 5 });
    must(off.core.invoke('settings.set', { key: 'notifications.forgotToStartMinutes', value: 0 }));
    work(off, 60 * MIN);
    expect(sent(off, 'forgot-to-start')).toEqual([]);
    const tracking = coreHarness(nineAm, { idleMinutes: 5 });
    must(tracking.core.invoke('timer.start', { taskRef: 'local:deep work' }));
    work(tracking, 60 * MIN);
    expect(sent(tracking, 'forgot-to-start')).toEqual([]);
  });

  it('forgot to stop: a timer running through 30 idle minutes raises one reminder whose button stops it', async () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-9' }));
    work(h, 5 * MIN);
    h.time.advance(29 * MIN);
    expect(sent(h, 'forgot-to-stop')).toEqual([]);
    h.time.advance(2 * MIN);
    h.time.advance(60 * MIN);
    const stops = sent(h, 'forgot-to-stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.body).toBe('jira:PROJ-9 has been running through 30 minutes without activity.');
    await press(h, stops[0]?.actions?.[0]?.id ?? '');
    expect(must(h.core.invoke('status', {})).timer.running).toBe(false);
  });

  it('back from idle: coming back to a running timer asks keep or discard; the button settles the decision', async () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-9' }));
    work(h, 5 * MIN);
    h.time.advance(20 * MIN);
    expect(sent(h, 'back-from-idle')).toEqual([]);
    work(h, 2_000);
    const [question, ...more] = sent(h, 'back-from-idle');
    expect(more).toEqual([]);
    expect(question?.body).toBe('You were away for 20 minutes. Keep that time on jira:PROJ-9, or discard it?');
    expect(question?.actions?.map((a) => a.label)).toEqual(['Keep', 'Discard']);
    expect(question?.clickAction).toBe('window.open:idle');
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(1);
    await press(h, question?.actions?.[0]?.id ?? '');
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(0);
    expect(h.core.desktop.trayView().icon).toBe('tracking');
  });

  it('policy changed and standup ready go through the same gate', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    h.policy.machine.set({ version: 1, screenshots: { intervalMinutes: 10 } });
    h.time.advance(5_000);
    const changed = sent(h, 'policy-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.body).toMatch(/screenshot interval/);
    h.core.desktop.standupReady('2026-11-23', 'Yesterday: PROJ-4 (2 h). Today: PROJ-9.');
    h.core.desktop.standupReady('2026-11-23', 'Yesterday: PROJ-4 (2 h). Today: PROJ-9.');
    expect(sent(h, 'standup-ready').map((n) => n.actions?.[0]?.id)).toEqual(['window.open:standup']);
  });

  it('the tray lists the five most recent distinct tasks, newest first, and the shortcut toggles the last one', async () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    for (const task of ['local:a', 'local:b', 'local:c', 'local:a', 'local:d', 'local:e', 'local:f']) {
      must(h.core.invoke('timer.start', { taskRef: task }));
      work(h, 2 * MIN);
    }
    must(h.core.invoke('timer.stop', {}));
    expect(h.core.desktop.recentTasks()).toEqual(['local:f', 'local:e', 'local:d', 'local:a', 'local:c']);
    expect(h.core.desktop.resolve({ type: 'timer.toggle' })).toEqual({
      kind: 'invoke',
      step: { name: 'timer.start', input: { taskRef: 'local:f' } },
      changes: ['timer', 'entries'],
    });
    await press(h, 'timer.toggle');
    expect(must(h.core.invoke('status', {})).timer.taskRef).toBe('local:f');
    expect(h.core.desktop.trayView().items[0]).toEqual({ kind: 'label', text: 'local:f — 0:00' });
    await press(h, 'timer.toggle');
    expect(must(h.core.invoke('status', {})).timer.running).toBe(false);
    expect(coreHarness(nineAm).core.desktop.resolve({ type: 'timer.toggle' })).toEqual({ kind: 'window', view: 'today', id: null });
  });
});

describe('sync needs attention', () => {
  it('notifies when the count grows, not while it stays or shrinks', () => {
    const seen: Notification[] = [];
    const rules = new NotificationRules(
      { notify: (n) => seen.push(n) },
      () => ({ forgotToStartMinutes: 0, forgotToStopMinutes: 0 }),
      () => null,
    );
    for (const count of [0, 2, 2, 1, 1, 3, 0, 1]) rules.syncAttention(count);
    expect(seen.map((n) => n.body)).toEqual([
      '2 worklogs need your attention (clockhand sync --state needs_attention).',
      '3 worklogs need your attention (clockhand sync --state needs_attention).',
      '1 worklog needs your attention (clockhand sync --state needs_attention).',
    ]);
    expect(seen.every((n) => n.clickAction === 'window.open:sync')).toBe(true);
  });
});
