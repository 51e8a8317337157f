import { describe, expect, it } from 'vitest';
import { coreHarness, must, type CoreHarness } from '../../../test/fakes/core-harness';

const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();
const MIN = 60_000;

/** Lets `ms` pass with mouse input in every second. */
function work(h: CoreHarness, ms: number): void {
  h.time.advance(ms, () => {
    h.source.emit('mouse');
  });
}

function trackedSeconds(h: CoreHarness): number {
  return must(h.core.invoke('entries.list', {})).reduce((sum, entry) => sum + entry.durationSeconds, 0);
}

describe('idle after inactivity', () => {
  it('starts idle at the last input once the threshold passes, and asks on return', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, 2 * MIN);
    const lastInput = h.time.now();
    h.time.advance(4 * MIN);
    expect(must(h.core.invoke('status', {})).idle.idle).toBe(false);
    h.time.advance(1 * MIN + 1_000);
    const idleStatus = must(h.core.invoke('status', {}));
    expect(idleStatus.idle.idle).toBe(true);
    expect(new Date(idleStatus.idle.since ?? '').getTime()).toBeGreaterThanOrEqual(lastInput - 1_000);
    expect(new Date(idleStatus.idle.since ?? '').getTime()).toBeLessThanOrEqual(lastInput);
    h.time.advance(10 * MIN);
    work(h, 2_000);
    const status = must(h.core.invoke('status', {}));
    expect(status.idle.idle).toBe(false);
    expect(status.idle.pendingCount).toBe(1);
    const pending = status.idle.pending;
    expect(pending).toMatchObject({ reason: 'inactivity', state: 'pending' });
    // Away from the last input to the first input back: 15 minutes, give or take the one-second tick.
    expect(Math.abs((pending?.durationSeconds ?? 0) - 15 * 60)).toBeLessThanOrEqual(2);
  });

  it('discard removes the idle span from the running timer, which keeps running', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, 10 * MIN);
    h.time.advance(30 * MIN);
    work(h, 10 * MIN);
    const before = trackedSeconds(h);
    expect(before).toBe(50 * 60);
    const span = must(h.core.invoke('idle.resolve', { action: 'discard' }));
    expect(span).toMatchObject({ state: 'discarded', decidedBy: 'user' });
    const entries = must(h.core.invoke('entries.list', {}));
    expect(entries).toHaveLength(2);
    expect(entries[0]?.running).toBe(false);
    expect(entries[1]).toMatchObject({ running: true, taskRef: 'jira:PROJ-7' });
    expect(Math.abs(trackedSeconds(h) - (before - span.durationSeconds))).toBeLessThanOrEqual(1);
    expect(span.durationSeconds).toBeGreaterThanOrEqual(30 * 60);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(0);
  });

  it('keep changes nothing; a second answer to the same span is a conflict', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'local:writing' }));
    work(h, MIN);
    h.time.advance(20 * MIN);
    work(h, MIN);
    const before = must(h.core.invoke('entries.list', {}));
    const kept = must(h.core.invoke('idle.resolve', { action: 'keep' }));
    expect(kept.state).toBe('kept');
    expect(must(h.core.invoke('entries.list', {}))).toEqual(before);
    const again = h.core.invoke('idle.resolve', { id: kept.id, action: 'discard' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('conflict');
    const none = h.core.invoke('idle.resolve', { action: 'keep' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.code).toBe('not_found');
  });

  it('reassign moves the idle span to another task', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.advance(45 * MIN);
    work(h, MIN);
    const bad = h.core.invoke('idle.resolve', { action: 'reassign', taskRef: 'nope' });
    expect(bad.ok).toBe(false);
    const missing = h.core.invoke('idle.resolve', { action: 'reassign' });
    expect(missing.ok).toBe(false);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(1);
    const span = must(h.core.invoke('idle.resolve', { action: 'reassign', taskRef: 'local:meeting' }));
    expect(span).toMatchObject({ state: 'reassigned', reassignedTo: 'local:meeting' });
    const entries = must(h.core.invoke('entries.list', {}));
    const meeting = entries.filter((entry) => entry.taskRef === 'local:meeting');
    expect(meeting).toHaveLength(1);
    expect(meeting[0]).toMatchObject({ origin: 'idle', startedAt: span.startedAt, endedAt: span.endedAt });
    const total = entries.reduce((sum, entry) => sum + entry.durationSeconds, 0);
    expect(total).toBe(47 * 60);
  });

  it('applies the default when nobody answers in time', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5, idlePromptMinutes: 10, idleDefaultAction: 'discard' });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.advance(20 * MIN);
    work(h, 9 * MIN);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(1);
    work(h, 2 * MIN);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(0);
    const spans = must(h.core.invoke('idle.list', { from: '2026-11-20' }));
    expect(spans.at(-1)).toMatchObject({ state: 'discarded', decidedBy: 'default' });
    // 32 minutes ran; the 20 idle minutes (from the last input to the return) were discarded by default.
    expect(Math.abs(trackedSeconds(h) - 12 * 60)).toBeLessThanOrEqual(2);
  });

  it('the pending decision survives a restart and its default still applies', () => {
    let h = coreHarness(nineAm, { idleMinutes: 5, idlePromptMinutes: 10, idleDefaultAction: 'keep' });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.advance(20 * MIN);
    work(h, MIN);
    h = h.restart(1_000);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(1);
    work(h, 10 * MIN);
    expect(must(h.core.invoke('idle.list', { from: '2026-11-20' })).at(-1)).toMatchObject({ state: 'kept', decidedBy: 'default' });
  });

  it('idle without a running timer is recorded as untracked, with no question', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    work(h, MIN);
    h.time.advance(30 * MIN);
    work(h, MIN);
    const status = must(h.core.invoke('status', {}));
    expect(status.idle.pendingCount).toBe(0);
    expect(must(h.core.invoke('idle.list', { from: '2026-11-20' })).at(-1)).toMatchObject({ state: 'untracked', reason: 'inactivity' });
  });

  it('uses the configured threshold', () => {
    const short = coreHarness(nineAm, { idleMinutes: 2 });
    const long = coreHarness(nineAm, { idleMinutes: 5 });
    for (const h of [short, long]) {
      work(h, MIN);
      h.time.advance(2 * MIN + 1_000);
    }
    expect(must(short.core.invoke('status', {})).idle.idle).toBe(true);
    expect(must(long.core.invoke('status', {})).idle.idle).toBe(false);
  });
});

describe('lock and suspend', () => {
  it('lock starts idle at once and unlock ends it; input while locked does not end it', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    const lockedAt = h.time.now();
    h.power.emit('lock');
    const status = must(h.core.invoke('status', {}));
    expect(status.idle.idle).toBe(true);
    expect(new Date(status.idle.since ?? '').getTime()).toBe(lockedAt);
    work(h, 3 * MIN); // e.g. the mouse bumped while locked
    expect(must(h.core.invoke('status', {})).idle.idle).toBe(true);
    h.power.emit('unlock');
    const after = must(h.core.invoke('status', {}));
    expect(after.idle.idle).toBe(false);
    expect(after.idle.pending).toMatchObject({ reason: 'locked', durationSeconds: 180 });
  });

  it('a short lock is not worth a question', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.power.emit('lock');
    h.time.advance(30_000);
    h.power.emit('unlock');
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(0);
  });

  it('suspend starts idle at once; time asleep becomes one idle span, never work', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, 10 * MIN);
    const suspendedAt = h.time.now();
    h.power.emit('suspend');
    h.time.sleep(2 * 60 * MIN);
    h.power.emit('resume');
    work(h, 5_000);
    const spans = must(h.core.invoke('idle.list', { from: '2026-11-20' }));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ reason: 'suspended', state: 'pending', durationSeconds: 2 * 60 * 60 });
    expect(new Date(spans[0]?.startedAt ?? '').getTime()).toBe(suspendedAt);
    must(h.core.invoke('idle.resolve', { action: 'discard' }));
    expect(trackedSeconds(h)).toBe(10 * 60 + 5);
  });

  it('a sleep the platform did not report is detected from the clocks', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.sleep(40 * MIN); // wall moves, the monotonic clock does not (Linux CLOCK_MONOTONIC across suspend)
    work(h, 2_000);
    const spans = must(h.core.invoke('idle.list', { from: '2026-11-20' }));
    expect(spans).toHaveLength(1);
    expect(spans[0]?.durationSeconds).toBeGreaterThanOrEqual(40 * 60);
    expect(spans[0]?.durationSeconds).toBeLessThanOrEqual(40 * 60 + 2);
  });

  it('a frozen process (no ticks for minutes, both clocks moving) counts as suspended', () => {
    const h = coreHarness(nineAm, { idleMinutes: 30 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.freeze(20 * MIN);
    work(h, 2_000);
    const spans = must(h.core.invoke('idle.list', { from: '2026-11-20' }));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ reason: 'suspended', state: 'pending' });
  });
});

describe('wall clock changes', () => {
  it('a forward jump is idle, never work', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, 5 * MIN);
    h.time.jumpWall(3 * 60 * MIN);
    work(h, 5 * MIN);
    const spans = must(h.core.invoke('idle.list', { from: '2026-11-20' }));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ reason: 'clock-jump', state: 'pending', durationSeconds: 3 * 60 * 60 });
    must(h.core.invoke('idle.resolve', { action: 'discard' }));
    expect(trackedSeconds(h)).toBe(10 * 60);
  });

  it('a short forward jump is removed at once, without a question', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, MIN);
    h.time.jumpWall(30_000);
    work(h, MIN);
    expect(must(h.core.invoke('status', {})).idle.pendingCount).toBe(0);
    expect(must(h.core.invoke('idle.list', { from: '2026-11-20' }))[0]).toMatchObject({
      state: 'discarded',
      decidedBy: 'auto',
      reason: 'clock-jump',
    });
    expect(trackedSeconds(h)).toBe(2 * 60);
  });

  it('a backward jump never produces negative time, and the timer still stops cleanly', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    work(h, 10 * MIN);
    h.time.jumpWall(-60 * MIN);
    work(h, 2 * MIN);
    const status = must(h.core.invoke('status', {}));
    expect(status.timer.elapsedSeconds).toBeGreaterThanOrEqual(0);
    expect(status.todaySeconds).toBeGreaterThanOrEqual(0);
    const stopped = must(h.core.invoke('timer.stop', {}));
    expect(stopped.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(new Date(stopped.endedAt ?? '').getTime()).toBeGreaterThan(new Date(stopped.startedAt).getTime());
    expect(must(h.core.invoke('idle.list', { from: '2026-11-20' }))).toEqual([]);
  });
});

describe('activity', () => {
  it('keeps one bit per second, split by device, and 10-minute slot percentages', () => {
    const h = coreHarness(nineAm);
    must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-7' }));
    // 5 minutes of typing with many events per second, then 5 minutes of mouse only every other second.
    h.time.advance(5 * MIN, () => {
      for (let i = 0; i < 50; i += 1) h.source.emit('keyboard');
    });
    let odd = false;
    h.time.advance(5 * MIN, () => {
      odd = !odd;
      if (odd) h.source.emit('mouse');
    });
    const status = must(h.core.invoke('status', {}));
    expect(status.activity.source).toBe('hook');
    expect(status.activity.activeSecondsToday).toBe(300 + 150);
    const report = must(h.core.invoke('report.day', { day: '2026-11-20' }));
    expect(report.activity).toMatchObject({ activeSeconds: 450, keyboardSeconds: 300, mouseSeconds: 150, percentOfTracked: 75 });
    const slot = report.activity.slots.find((s) => s.activeSeconds > 0);
    expect(slot).toMatchObject({ activeSeconds: 450, percent: 75 });
    expect(new Date(slot?.start ?? '').getTime()).toBe(nineAm);
  });

  it('falls back to the next source when the hook fails, and says so', () => {
    const h = coreHarness(nineAm);
    h.source.fail('input hook process exited (signal SIGABRT)');
    const status = must(h.core.invoke('status', {}));
    expect(status.activity.source).toBe('none');
    expect(status.activity.degradedReason).toMatch(/SIGABRT/);
  });
});
