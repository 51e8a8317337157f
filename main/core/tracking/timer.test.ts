import { describe, expect, it } from 'vitest';
import { coreHarness, must } from '../../../test/fakes/core-harness';

const nineAm = new Date(2026, 10, 20, 9, 0, 0).getTime();

describe('timer', () => {
  it('starts, switches atomically and stops', () => {
    const h = coreHarness(nineAm);
    const first = must(h.core.invoke('timer.start', { taskRef: 'jira:PROJ-1', note: 'design' }));
    expect(first).toMatchObject({ taskRef: 'jira:PROJ-1', running: true, note: 'design', origin: 'timer' });
    h.time.advance(10 * 60_000);
    const second = must(h.core.invoke('timer.start', { taskRef: 'asana:42' }));
    const entries = must(h.core.invoke('entries.list', {}));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ taskRef: 'jira:PROJ-1', running: false, durationSeconds: 600 });
    expect(entries[0]?.endedAt).toBe(second.startedAt);
    expect(entries.filter((e) => e.running)).toHaveLength(1);
    h.time.advance(5 * 60_000);
    const stopped = must(h.core.invoke('timer.stop', {}));
    expect(stopped).toMatchObject({ taskRef: 'asana:42', running: false, durationSeconds: 300 });
    const status = must(h.core.invoke('status', {}));
    expect(status.timer.running).toBe(false);
    expect(status.todaySeconds).toBe(900);
  });

  it('refuses to stop when nothing runs, and refuses unknown task references without writing', () => {
    const h = coreHarness(nineAm);
    expect(h.core.invoke('timer.stop', {})).toEqual({ ok: false, error: { code: 'no_timer', message: 'no timer is running' } });
    const bad = h.core.invoke('timer.start', { taskRef: 'trello:123' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/unknown task provider/) as unknown });
    expect(must(h.core.invoke('entries.list', {}))).toEqual([]);
  });

  it('rejects malformed requests at the boundary', () => {
    const h = coreHarness(nineAm);
    for (const input of [null, 'x', { taskRef: 5 }, { taskRef: 'local:a', extra: 1 }, { taskRef: 'local:a', note: 'x'.repeat(2001) }]) {
      const result = h.core.invoke('timer.start', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(h.store.entries.running()).toBeNull();
  });

  it('counts today from local midnight for an entry crossing midnight, and keeps it one entry', () => {
    const lateEvening = new Date(2026, 10, 20, 23, 30, 0).getTime();
    const h = coreHarness(lateEvening);
    must(h.core.invoke('timer.start', { taskRef: 'local:late' }));
    h.time.advance(60 * 60_000);
    const status = must(h.core.invoke('status', {}));
    expect(status.timer.elapsedSeconds).toBe(3600);
    expect(status.todaySeconds).toBe(30 * 60);
    must(h.core.invoke('timer.stop', {}));
    expect(must(h.core.invoke('entries.list', { from: '2026-11-20', to: '2026-11-21' }))).toHaveLength(1);
    expect(must(h.core.invoke('report.day', { day: '2026-11-20' })).totalSeconds).toBe(1800);
    expect(must(h.core.invoke('report.day', { day: '2026-11-21' })).totalSeconds).toBe(1800);
  });

  it('checkpoints the running entry every second', () => {
    const h = coreHarness(nineAm);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    h.time.advance(5_500);
    const running = h.store.entries.running();
    expect(running?.checkpointAt).toBe(nineAm + 5_000);
  });
});

describe('crash recovery', () => {
  it('keeps the timer running across a short crash: nothing is lost', () => {
    const h = coreHarness(nineAm);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    h.time.advance(30_400); // last checkpoint at +30 s, crash at +30.4 s
    const restarted = h.crash(3_000);
    const status = must(restarted.core.invoke('status', {}));
    expect(status.timer.running).toBe(true);
    expect(status.recovered).toMatchObject({ resumed: true, taskRef: 'local:x' });
    restarted.time.advance(10_000);
    const stopped = must(restarted.core.invoke('timer.stop', {}));
    expect(stopped.durationSeconds).toBe(30 + 3 + 10); // crash at 30.4 s: the 3.4 s outage is under a minute: kept
    expect(restarted.store.idleSpans.pending()).toHaveLength(0);
  });

  it('asks about a longer outage within the resume window', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    h.time.advance(60_000);
    const restarted = h.crash(3 * 60_000);
    const status = must(restarted.core.invoke('status', {}));
    expect(status.timer.running).toBe(true);
    expect(status.idle.pending).toMatchObject({ reason: 'agent-stopped', durationSeconds: 180, state: 'pending' });
  });

  it('closes the entry at its last checkpoint after a long outage: at most one second lost', () => {
    const h = coreHarness(nineAm, { idleMinutes: 5 });
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    h.time.advance(3_600_900); // dies 0.9 s after the last checkpoint
    const restarted = h.crash(2 * 3_600_000);
    const status = must(restarted.core.invoke('status', {}));
    expect(status.timer.running).toBe(false);
    expect(status.recovered).toMatchObject({ resumed: false });
    const [entry] = must(restarted.core.invoke('entries.list', {}));
    expect(entry?.durationSeconds).toBe(3600);
  });

  it('a clean restart checkpoints first', () => {
    const h = coreHarness(nineAm);
    must(h.core.invoke('timer.start', { taskRef: 'local:x' }));
    h.time.advance(10_700);
    const restarted = h.restart(0);
    expect(restarted.store.entries.running()?.checkpointAt).toBe(nineAm + 10_700);
  });
});
