import { describe, expect, it } from 'vitest';
import type { DayReport } from '../../../common/dto';
import { formatLocalIso } from '../../../common/local-time';
import { coreHarness, must, type CoreHarness } from '../../../test/fakes/core-harness';
import { breakdownOf } from './task-totals';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Local wall time in the zone the suite runs under (America/New_York and Australia/Lord_Howe in scripts/test-inner.sh). */
function at(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return new Date(year, month - 1, day, hour, minute).getTime();
}

function entry(h: CoreHarness, taskRef: string, startedAt: number, endedAt: number): void {
  h.store.entries.insert({ taskRef, startedAt, endedAt, note: null, origin: 'manual', now: endedAt });
}

function idle(h: CoreHarness, startedAt: number, endedAt: number, state: 'kept' | 'discarded' | 'pending'): void {
  const span = h.store.idleSpans.insert({
    startedAt,
    endedAt,
    reason: 'inactivity',
    state: 'pending',
    decidedBy: null,
    decideBy: null,
    now: endedAt,
  });
  if (state !== 'pending') h.store.idleSpans.resolve(span.id, { state, reassignedTo: null, decidedBy: 'user', decidedAt: endedAt });
}

function active(h: CoreHarness, from: number, seconds: number): void {
  for (let s = 0; s < seconds; s += 1) h.store.activity.addSecond(from + s * 1000, true, false);
}

/** The ledger covers the working window exactly, segment after segment, and its totals are its segments. */
function expectGapFree(ledger: DayReport['ledger'], from: number, to: number): void {
  const segments = ledger.segments;
  expect(segments[0]?.start).toBe(formatLocalIso(from));
  expect(segments.at(-1)?.end).toBe(formatLocalIso(to));
  segments.slice(1).forEach((segment, i) => {
    expect(segment.start).toBe(segments[i]?.end);
  });
  for (const segment of segments) expect(Date.parse(segment.end) - Date.parse(segment.start)).toBe(segment.seconds * 1000);
  const { trackedSeconds, idleKeptSeconds, idlePendingSeconds, idleDiscardedSeconds, untrackedSeconds } = ledger.totals;
  expect(trackedSeconds + idleKeptSeconds + idlePendingSeconds + idleDiscardedSeconds + untrackedSeconds).toBe((to - from) / 1000);
}

describe('reports: midnight, months, projects', () => {
  it('a timer running across midnight (fake clock) counts in each day for its part', () => {
    const h = coreHarness(at(2026, 11, 24, 23, 50));
    must(h.core.invoke('timer.start', { taskRef: 'jira:NIGHT-1' }));
    h.time.advance(25 * MINUTE);
    must(h.core.invoke('timer.stop', {}));
    const before = must(h.core.invoke('report.day', { day: '2026-11-24' }));
    const after = must(h.core.invoke('report.day', { day: '2026-11-25' }));
    expect(before.totalSeconds).toBe(10 * 60);
    expect(after.totalSeconds).toBe(15 * 60);
    expect(before.byProject).toEqual([{ provider: 'jira', project: 'NIGHT', name: null, seconds: 600 }]);
    const week = must(h.core.invoke('report.week', { day: '2026-11-25' }));
    expect(week.days.filter((d) => d.totalSeconds > 0).map((d) => [d.day, d.totalSeconds])).toEqual([
      ['2026-11-24', 600],
      ['2026-11-25', 900],
    ]);
  });

  it('month: an entry over the month boundary splits between the two months; totals by task, project and provider agree', () => {
    const h = coreHarness(at(2026, 3, 10, 12));
    entry(h, 'jira:ABC-1', at(2026, 1, 31, 22), at(2026, 2, 1, 2)); // 2 h in January, 2 h in February
    entry(h, 'jira:ABC-2', at(2026, 2, 3, 9), at(2026, 2, 3, 9, 30));
    entry(h, 'jira:XY-9', at(2026, 2, 14, 9), at(2026, 2, 14, 9, 15));
    entry(h, 'asana:1200', at(2026, 2, 20, 9), at(2026, 2, 20, 10));
    entry(h, 'local:planning', at(2026, 2, 28, 23), at(2026, 3, 1, 1)); // 1 h in February
    const january = must(h.core.invoke('report.month', { month: '2026-01' }));
    const february = must(h.core.invoke('report.month', { month: '2026-02' }));
    expect(january.days).toHaveLength(31);
    expect(january.totalSeconds).toBe(2 * 3600);
    expect(february.month).toBe('2026-02');
    expect(february.days).toHaveLength(28);
    expect(february.from).toBe(formatLocalIso(at(2026, 2, 1)));
    expect(february.to).toBe(formatLocalIso(at(2026, 3, 1)));
    expect(february.totalSeconds).toBe(2 * 3600 + 1800 + 900 + 3600 + 3600);
    expect(february.days.reduce((sum, d) => sum + d.totalSeconds, 0)).toBe(february.totalSeconds);
    expect(february.days.find((d) => d.day === '2026-02-01')?.totalSeconds).toBe(2 * 3600);
    expect(february.byTask).toEqual([
      { taskRef: 'jira:ABC-1', seconds: 7200 },
      { taskRef: 'asana:1200', seconds: 3600 },
      { taskRef: 'local:planning', seconds: 3600 },
      { taskRef: 'jira:ABC-2', seconds: 1800 },
      { taskRef: 'jira:XY-9', seconds: 900 },
    ]);
    expect(february.byProject).toEqual([
      { provider: 'jira', project: 'ABC', name: null, seconds: 9000 },
      { provider: 'asana', project: 'asana', name: null, seconds: 3600 },
      { provider: 'local', project: 'local', name: null, seconds: 3600 },
      { provider: 'jira', project: 'XY', name: null, seconds: 900 },
    ]);
    expect(february.byProvider).toEqual([
      { provider: 'jira', seconds: 9900 },
      { provider: 'asana', seconds: 3600 },
      { provider: 'local', seconds: 3600 },
    ]);
    expect(must(h.core.invoke('report.month', { month: '2026-03' })).totalSeconds).toBe(3600);
    expect(h.core.invoke('report.month', { month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an Asana task counts under its project when the assigned-task cache knows it', () => {
    const from = at(2026, 2, 2, 9);
    const rows = [
      { taskRef: 'asana:1', startedAt: from, endedAt: from + HOUR },
      { taskRef: 'asana:2', startedAt: from + HOUR, endedAt: from + 2 * HOUR },
      { taskRef: 'asana:3', startedAt: from + 2 * HOUR, endedAt: from + 2.5 * HOUR },
    ].map((e, i) => ({ ...e, id: i + 1, note: null, origin: 'manual' as const, checkpointAt: 0, createdAt: 0, updatedAt: 0 }));
    const projects = new Map([
      ['asana:1', 'Website'],
      ['asana:2', 'Website'],
    ]);
    const totals = breakdownOf(rows, from, from + 3 * HOUR, from, (ref) => projects.get(ref) ?? null);
    expect(totals.byProject).toEqual([
      { provider: 'asana', project: 'Website', name: 'Website', seconds: 7200 },
      { provider: 'asana', project: 'asana', name: null, seconds: 1800 },
    ]);
    expect(totals.byProvider).toEqual([{ provider: 'asana', seconds: 9000 }]);
  });

  it('activity percent per 10-minute slot and per day counts only active seconds inside tracked time', () => {
    const h = coreHarness(at(2026, 5, 6, 18));
    entry(h, 'local:a', at(2026, 5, 6, 10), at(2026, 5, 6, 10, 20));
    active(h, at(2026, 5, 6, 10), 300); // half of the first slot, a quarter of the tracked time
    active(h, at(2026, 5, 6, 15), 120); // untracked activity: in the slots, not in the percent of tracked time
    const day = must(h.core.invoke('report.day', { day: '2026-05-06' }));
    expect(day.activity.activeSeconds).toBe(420);
    expect(day.activity.percentOfTracked).toBe(25);
    const slot = (hour: number, minute: number) => day.activity.slots.find((s) => s.start === formatLocalIso(at(2026, 5, 6, hour, minute)));
    expect(slot(10, 0)).toMatchObject({ activeSeconds: 300, percent: 50 });
    expect(slot(10, 10)).toMatchObject({ activeSeconds: 0, percent: 0 });
    expect(slot(15, 0)).toMatchObject({ activeSeconds: 120, percent: 20 });
    const month = must(h.core.invoke('report.month', { month: '2026-05' }));
    expect(month.days.find((d) => d.day === '2026-05-06')).toEqual({
      day: '2026-05-06',
      totalSeconds: 1200,
      activeSeconds: 420,
      percentOfTracked: 25,
    });
    expect(month.days.find((d) => d.day === '2026-05-07')).toEqual({
      day: '2026-05-07',
      totalSeconds: 0,
      activeSeconds: 0,
      percentOfTracked: null,
    });
  });
});

describe('the daily ledger within working hours', () => {
  it('is gap-free: tracked, idle kept, idle pending, idle discarded and untracked add up to the working day', () => {
    const h = coreHarness(at(2026, 11, 25, 20)); // a Wednesday
    entry(h, 'jira:A-1', at(2026, 11, 25, 9, 30), at(2026, 11, 25, 11));
    idle(h, at(2026, 11, 25, 10), at(2026, 11, 25, 10, 20), 'kept');
    entry(h, 'local:b', at(2026, 11, 25, 11), at(2026, 11, 25, 12));
    idle(h, at(2026, 11, 25, 12), at(2026, 11, 25, 12, 30), 'discarded'); // removed from its entry
    entry(h, 'local:b', at(2026, 11, 25, 12, 30), at(2026, 11, 25, 13));
    idle(h, at(2026, 11, 25, 12, 45), at(2026, 11, 25, 13), 'pending'); // not decided: still on its entry
    entry(h, 'local:late', at(2026, 11, 25, 18), at(2026, 11, 25, 19)); // outside the working hours
    const { ledger } = must(h.core.invoke('report.day', { day: '2026-11-25' }));
    expect(ledger.workingFrom).toBe(formatLocalIso(at(2026, 11, 25, 9)));
    expect(ledger.workingTo).toBe(formatLocalIso(at(2026, 11, 25, 17)));
    expectGapFree(ledger, at(2026, 11, 25, 9), at(2026, 11, 25, 17));
    expect(ledger.segments.map((s) => [s.start.slice(11, 16), s.end.slice(11, 16), s.kind, s.taskRef])).toEqual([
      ['09:00', '09:30', 'untracked', null],
      ['09:30', '10:00', 'tracked', 'jira:A-1'],
      ['10:00', '10:20', 'idle_kept', 'jira:A-1'],
      ['10:20', '11:00', 'tracked', 'jira:A-1'],
      ['11:00', '12:00', 'tracked', 'local:b'],
      ['12:00', '12:30', 'idle_discarded', null],
      ['12:30', '12:45', 'tracked', 'local:b'],
      ['12:45', '13:00', 'idle_pending', 'local:b'],
      ['13:00', '17:00', 'untracked', null],
    ]);
    expect(ledger.totals).toEqual({
      trackedSeconds: (70 + 60 + 15) * 60,
      idleKeptSeconds: 20 * 60,
      idlePendingSeconds: 15 * 60,
      idleDiscardedSeconds: 30 * 60,
      untrackedSeconds: (30 + 240) * 60,
      trackedOutsideSeconds: 3600,
    });
  });

  it('follows the workingHours settings: other hours, and no window on a day off', () => {
    const h = coreHarness(at(2026, 11, 30, 20));
    must(h.core.invoke('settings.set', { key: 'workingHours.start', value: '07:30' }));
    must(h.core.invoke('settings.set', { key: 'workingHours.end', value: '12:00' }));
    must(h.core.invoke('settings.set', { key: 'workingHours.days', value: [1, 2, 3, 4] }));
    expect(h.core.invoke('settings.set', { key: 'workingHours.end', value: '25:00' })).toMatchObject({ ok: false });
    entry(h, 'local:x', at(2026, 11, 26, 11), at(2026, 11, 26, 13)); // Thursday: one hour inside, one outside
    entry(h, 'local:x', at(2026, 11, 27, 9), at(2026, 11, 27, 10)); // Friday: a day off now
    const thursday = must(h.core.invoke('report.day', { day: '2026-11-26' })).ledger;
    expectGapFree(thursday, at(2026, 11, 26, 7, 30), at(2026, 11, 26, 12));
    expect(thursday.totals).toMatchObject({ trackedSeconds: 3600, untrackedSeconds: 3.5 * 3600, trackedOutsideSeconds: 3600 });
    const friday = must(h.core.invoke('report.day', { day: '2026-11-27' })).ledger;
    expect(friday).toEqual({
      workingFrom: null,
      workingTo: null,
      segments: [],
      totals: {
        trackedSeconds: 0,
        idleKeptSeconds: 0,
        idlePendingSeconds: 0,
        idleDiscardedSeconds: 0,
        untrackedSeconds: 0,
        trackedOutsideSeconds: 3600,
      },
    });
  });

  it('on the daylight-saving days of this zone the working window is as long as real time says', () => {
    // Both changes of both test zones happen on a Sunday night; work from 01:00 to 05:00 spans the change.
    const h = coreHarness(at(2027, 1, 1));
    must(h.core.invoke('settings.set', { key: 'workingHours.start', value: '01:00' }));
    must(h.core.invoke('settings.set', { key: 'workingHours.end', value: '05:00' }));
    must(h.core.invoke('settings.set', { key: 'workingHours.days', value: [1, 2, 3, 4, 5, 6, 7] }));
    const changed: { day: string; from: number; to: number }[] = [];
    for (let d = new Date(2026, 0, 1); d.getFullYear() === 2026; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
      const from = at(2026, d.getMonth() + 1, d.getDate(), 1);
      const to = at(2026, d.getMonth() + 1, d.getDate(), 5);
      if (to - from !== 4 * HOUR) changed.push({ day: formatLocalIso(from).slice(0, 10), from, to });
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone !== 'UTC' && zone !== 'Etc/UTC') expect(changed).toHaveLength(2);
    for (const { day, from, to } of changed) {
      entry(h, 'local:night', from - HOUR, to + HOUR); // 00:00 .. 06:00 local, whatever the change
      const report = must(h.core.invoke('report.day', { day }));
      expectGapFree(report.ledger, from, to);
      expect(report.ledger.totals.trackedSeconds).toBe((to - from) / 1000);
      expect(report.ledger.totals.trackedOutsideSeconds).toBe(2 * 3600);
      expect(report.ledger.segments).toEqual([
        { start: formatLocalIso(from), end: formatLocalIso(to), seconds: (to - from) / 1000, kind: 'tracked', taskRef: 'local:night' },
      ]);
    }
  });
});
