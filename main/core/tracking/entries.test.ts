import { describe, expect, it } from 'vitest';
import { formatLocalIso } from '../../../common/local-time';
import { coreHarness, must } from '../../../test/fakes/core-harness';

const noon = new Date(2026, 10, 20, 12, 0, 0).getTime();
const iso = (h: number, m = 0, day = 20): string => formatLocalIso(new Date(2026, 10, day, h, m).getTime());

function errorOf(result: { ok: boolean; error?: { code: string; message: string } }): { code: string; message: string } | undefined {
  return result.ok ? undefined : result.error;
}

describe('manual entries', () => {
  it('adds, edits, splits and deletes', () => {
    const h = coreHarness(noon);
    const added = must(h.core.invoke('entry.add', { taskRef: 'jira:ABC-9', start: iso(9), end: iso(10, 30), note: 'review' }));
    expect(added).toMatchObject({ durationSeconds: 5400, origin: 'manual', note: 'review' });
    const edited = must(h.core.invoke('entry.edit', { id: added.id, taskRef: 'local:other', end: iso(11), note: null }));
    expect(edited).toMatchObject({ taskRef: 'local:other', durationSeconds: 7200, note: null });
    const [a, b] = must(h.core.invoke('entry.split', { id: added.id, at: iso(10) }));
    expect([a.durationSeconds, b.durationSeconds]).toEqual([3600, 3600]);
    expect(b.taskRef).toBe('local:other');
    expect(must(h.core.invoke('entry.delete', { id: a.id }))).toEqual({ deleted: a.id });
    expect(must(h.core.invoke('entries.list', {})).map((e) => e.id)).toEqual([b.id]);
  });

  it.each([
    [{ start: iso(10), end: iso(9) }, 'invalid_input', /end must be after the start/],
    [{ start: iso(10), end: iso(10) }, 'invalid_input', /end must be after the start/],
    [{ start: iso(11), end: iso(13) }, 'in_future', /future/],
    [{ start: iso(9, 0, 18), end: iso(9, 1, 19) }, 'too_long', /24 hours/],
    [{ start: 'tuesday', end: iso(9) }, 'invalid_input', /start: "tuesday" is not an ISO-8601/],
    [{ start: iso(8), end: '2026-11-20T25:00' }, 'invalid_input', /end:/],
  ])('refuses %j', (span, code, message) => {
    const h = coreHarness(noon);
    const result = h.core.invoke('entry.add', { taskRef: 'local:x', ...span });
    expect(errorOf(result)?.code).toBe(code);
    expect(errorOf(result)?.message).toMatch(message);
    expect(must(h.core.invoke('entries.list', { from: '2026-11-18', to: '2026-11-20' }))).toEqual([]);
  });

  it('refuses overlaps with finished and running entries, and changes nothing', () => {
    const h = coreHarness(noon);
    const first = must(h.core.invoke('entry.add', { taskRef: 'local:a', start: iso(9), end: iso(10) }));
    const overlap = h.core.invoke('entry.add', { taskRef: 'local:b', start: iso(9, 30), end: iso(10, 30) });
    expect(errorOf(overlap)).toMatchObject({ code: 'overlap', message: expect.stringContaining(`#${first.id}`) as unknown });
    // touching is fine
    must(h.core.invoke('entry.add', { taskRef: 'local:b', start: iso(10), end: iso(11) }));
    must(h.core.invoke('timer.start', { taskRef: 'local:running' }));
    h.time.advance(30 * 60_000);
    const intoRunning = h.core.invoke('entry.add', { taskRef: 'local:c', start: iso(12, 10), end: iso(12, 20) });
    expect(errorOf(intoRunning)?.code).toBe('overlap');
    const stretch = h.core.invoke('entry.edit', { id: first.id, end: iso(10, 15) });
    expect(errorOf(stretch)?.code).toBe('overlap');
    expect(must(h.core.invoke('entries.list', {})).map((e) => e.durationSeconds)).toEqual([3600, 3600, 1800]);
  });

  it('guards the running entry: no end, no future start, split keeps it running', () => {
    const h = coreHarness(noon);
    const running = must(h.core.invoke('timer.start', { taskRef: 'local:r' }));
    h.time.advance(60 * 60_000);
    expect(errorOf(h.core.invoke('entry.edit', { id: running.id, end: iso(12, 30) }))?.code).toBe('conflict');
    expect(errorOf(h.core.invoke('entry.edit', { id: running.id, start: iso(14) }))?.code).toBe('in_future');
    must(h.core.invoke('entry.edit', { id: running.id, start: iso(11, 30) }));
    const [a, b] = must(h.core.invoke('entry.split', { id: running.id, at: iso(12, 30) }));
    expect(a.running).toBe(false);
    expect(b.running).toBe(true);
    expect(a.durationSeconds + b.durationSeconds).toBe(90 * 60);
    expect(errorOf(h.core.invoke('entry.split', { id: b.id, at: iso(12, 30) }))?.code).toBe('invalid_input');
  });

  it('reports missing entries and empty edits', () => {
    const h = coreHarness(noon);
    expect(errorOf(h.core.invoke('entry.delete', { id: 999 }))).toEqual({ code: 'not_found', message: 'there is no entry #999' });
    expect(errorOf(h.core.invoke('entry.edit', { id: 999, note: 'x' }))?.code).toBe('not_found');
    const e = must(h.core.invoke('entry.add', { taskRef: 'local:a', start: iso(9), end: iso(10) }));
    expect(errorOf(h.core.invoke('entry.edit', { id: e.id }))?.message).toMatch(/nothing to change/);
    expect(errorOf(h.core.invoke('entries.list', { from: '2026-11-20', to: '2026-11-19' }))?.code).toBe('invalid_input');
  });
});
