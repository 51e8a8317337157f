import { describe, expect, it } from 'vitest';
import type { ScreenshotStatusDto } from '../../../common/dto';
import type { TrayItem } from '../ports/tray';
import { elapsedText, trayViewModel, type TrayInput } from './tray-view-model';

const screenshotsOff: ScreenshotStatusDto = {
  enabled: false,
  active: false,
  mode: 'off',
  lockedBy: null,
  intervalMinutes: 5,
  blur: false,
  problem: null,
  lastCaptureAt: null,
};

const quiet: TrayInput = {
  timer: { running: false, taskRef: null, elapsedSeconds: 0 },
  recentTasks: [],
  screenshots: screenshotsOff,
  sync: {
    counts: { pending: 0, in_flight: 0, needs_attention: 0, needs_reauth: 0 },
    problems: [],
    connections: 1,
    needsSignIn: [],
  },
  idlePending: 0,
  policyProblem: null,
};

function texts(items: readonly TrayItem[]): string[] {
  return items.flatMap((item) => {
    switch (item.kind) {
      case 'label':
        return [item.text];
      case 'command':
        return [item.label];
      case 'submenu':
        return [`${item.label}:`, ...texts(item.items).map((text) => `  ${text}`)];
      case 'separator':
        return ['---'];
    }
  });
}

function command(items: readonly TrayItem[], label: string): TrayItem | undefined {
  for (const item of items) {
    if (item.kind === 'command' && item.label === label) return item;
    if (item.kind === 'submenu') {
      const inner = command(item.items, label);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

describe('tray view model', () => {
  it('stopped with no history: Start opens the window; Open and Quit are always there', () => {
    const view = trayViewModel(quiet);
    expect(view.icon).toBe('stopped');
    expect(texts(view.items)).toEqual([
      'No timer running',
      'Start timer…',
      '---',
      'Screenshots off',
      'Sync: up to date',
      '---',
      'Open Clockhand',
      'Quit Clockhand',
    ]);
    expect(command(view.items, 'Start timer…')).toMatchObject({ command: { type: 'window.open', view: 'today' } });
    expect(command(view.items, 'Quit Clockhand')).toMatchObject({ command: { type: 'quit' } });
    expect(view.tooltip).toBe('Clockhand — No timer running');
  });

  it('tracking: current task with h:mm elapsed, Stop, five recent tasks with the running one disabled', () => {
    const view = trayViewModel({
      ...quiet,
      timer: { running: true, taskRef: 'jira:PROJ-12', elapsedSeconds: 3 * 3600 + 7 * 60 + 59 },
      recentTasks: ['jira:PROJ-12', 'local:mail', 'asana:123', 'jira:OPS-1', 'local:review', 'local:sixth'],
    });
    expect(view.icon).toBe('tracking');
    expect(texts(view.items).slice(0, 8)).toEqual([
      'jira:PROJ-12 — 3:07',
      'Stop timer',
      'Recent tasks:',
      '  jira:PROJ-12',
      '  local:mail',
      '  asana:123',
      '  jira:OPS-1',
      '  local:review',
    ]);
    expect(texts(view.items)).not.toContain('  local:sixth');
    expect(command(view.items, 'Stop timer')).toMatchObject({ command: { type: 'timer.stop' }, enabled: true });
    expect(command(view.items, 'jira:PROJ-12')).toMatchObject({ enabled: false });
    expect(command(view.items, 'local:mail')).toMatchObject({ command: { type: 'timer.start', taskRef: 'local:mail' }, enabled: true });
    expect(view.tooltip).toBe('Clockhand — Tracking jira:PROJ-12');
  });

  it('stopped with history: Start offers the last task', () => {
    const view = trayViewModel({ ...quiet, recentTasks: ['local:mail', 'jira:A-1'] });
    expect(command(view.items, 'Start local:mail')).toMatchObject({ command: { type: 'timer.start', taskRef: 'local:mail' } });
  });

  it('screenshots: the icon shows capture while tracking; the line says when the organization manages it', () => {
    const required: ScreenshotStatusDto = {
      ...screenshotsOff,
      enabled: true,
      active: true,
      mode: 'required',
      lockedBy: 'machine',
      intervalMinutes: 10,
      blur: true,
    };
    const tracking = { ...quiet, timer: { running: true, taskRef: 'local:x', elapsedSeconds: 60 }, screenshots: required };
    const view = trayViewModel(tracking);
    expect(view.icon).toBe('screenshots');
    expect(texts(view.items)).toContain('Screenshots on (every 10 min, blurred) — managed by your organization');
    // Not tracking: nothing is captured, so the icon is the stopped one.
    expect(trayViewModel({ ...quiet, screenshots: required }).icon).toBe('stopped');
    const forbidden = { ...screenshotsOff, lockedBy: 'user-policy' as const };
    expect(texts(trayViewModel({ ...quiet, screenshots: forbidden }).items)).toContain('Screenshots off — managed by your organization');
    const own = { ...screenshotsOff, enabled: true, active: true, mode: 'optional' as const };
    expect(texts(trayViewModel({ ...quiet, screenshots: own }).items)).toContain('Screenshots on (every 5 min)');
  });

  it('needs attention wins the icon: pending idle time, sync trouble, a sign-in, policy or capture problems', () => {
    const tracking = { ...quiet, timer: { running: true, taskRef: 'local:x', elapsedSeconds: 60 } };
    expect(trayViewModel(tracking).icon).toBe('tracking');
    const idle = trayViewModel({ ...tracking, idlePending: 2 });
    expect(idle.icon).toBe('attention');
    expect(command(idle.items, 'Decide about idle time (2)…')).toMatchObject({ command: { type: 'window.open', view: 'idle' } });
    expect(idle.tooltip).toBe('Clockhand — Tracking local:x — needs your attention');
    const attention = trayViewModel({ ...tracking, sync: { ...quiet.sync, counts: { ...quiet.sync.counts, needs_attention: 1 } } });
    expect(attention.icon).toBe('attention');
    expect(texts(attention.items)).toContain('Sync: 1 worklog needs attention');
    const signIn = trayViewModel({ ...quiet, sync: { ...quiet.sync, needsSignIn: ['Jira', 'Asana'] } });
    expect([signIn.icon, texts(signIn.items)]).toEqual(['attention', expect.arrayContaining(['Sync: sign in to Jira, Asana again'])]);
    const tempo = trayViewModel({ ...quiet, sync: { ...quiet.sync, problems: ['Tempo mode is on but there is no Tempo connection'] } });
    expect(tempo.icon).toBe('attention');
    expect(trayViewModel({ ...quiet, policyProblem: 'policies.json is not valid JSON' }).icon).toBe('attention');
    const failing = { ...screenshotsOff, enabled: true, problem: 'no keychain to hold the screenshot key' };
    const capture = trayViewModel({ ...quiet, screenshots: failing });
    expect(capture.icon).toBe('attention');
    expect(texts(capture.items)).toContain('Screenshots paused: no keychain to hold the screenshot key');
  });

  it('sync line: no connections, waiting, up to date', () => {
    expect(texts(trayViewModel({ ...quiet, sync: { ...quiet.sync, connections: 0 } }).items)).toContain('Sync: no connections');
    const waiting = { ...quiet.sync, counts: { ...quiet.sync.counts, pending: 2, in_flight: 1 } };
    expect(texts(trayViewModel({ ...quiet, sync: waiting }).items)).toContain('Sync: 3 waiting');
    expect(command(trayViewModel(quiet).items, 'Sync: up to date')).toMatchObject({ command: { type: 'window.open', view: 'sync' } });
  });

  it('elapsed time is h:mm, never negative', () => {
    expect([elapsedText(0), elapsedText(59), elapsedText(60), elapsedText(36_000 + 61), elapsedText(-5)]).toEqual([
      '0:00',
      '0:00',
      '0:01',
      '10:01',
      '0:00',
    ]);
  });
});
