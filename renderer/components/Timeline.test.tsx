import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DayReport } from '../../common/dto';
import { entry, XSS } from '../test-support/samples';
import { useTasks } from '../stores/tasks-store';
import { Timeline, timelineBounds } from './Timeline';

// Times carry +01:00: scripts/test-inner.sh runs this project with TZ=Europe/Berlin.
const DAY = '2026-11-23';

function report(entries = [entry()]): DayReport {
  return {
    day: DAY,
    from: `${DAY}T00:00:00.000+01:00`,
    to: `${DAY}T23:59:59.999+01:00`,
    totalSeconds: 5_400,
    byTask: [{ taskRef: 'jira:PROJ-1', seconds: 5_400 }],
    byProject: [{ provider: 'jira', project: 'PROJ', name: null, seconds: 5_400 }],
    byProvider: [{ provider: 'jira', seconds: 5_400 }],
    ledger: {
      workingFrom: null,
      workingTo: null,
      segments: [],
      totals: {
        trackedSeconds: 0,
        idleKeptSeconds: 0,
        idlePendingSeconds: 0,
        idleDiscardedSeconds: 0,
        untrackedSeconds: 0,
        trackedOutsideSeconds: 0,
      },
    },
    activity: {
      activeSeconds: 600,
      keyboardSeconds: 300,
      mouseSeconds: 300,
      percentOfTracked: 11,
      slots: [{ start: `${DAY}T09:10:00.000+01:00`, activeSeconds: 300, percent: 50 }],
    },
    entries,
  };
}

describe('the day timeline', () => {
  afterEach(cleanup);

  it('spans 08:00–18:00 at least and widens to whole hours around what happened', () => {
    expect(timelineBounds(DAY, report(), [], [])).toEqual({ from: 480, to: 1080 });
    const late = report([entry({ startedAt: `${DAY}T06:40:00.000+01:00`, endedAt: `${DAY}T20:15:00.000+01:00` })]);
    expect(timelineBounds(DAY, late, [], [])).toEqual({ from: 360, to: 21 * 60 });
  });

  it('draws entries, idle spans and screenshots with text labels, and task titles only as text', () => {
    useTasks.setState({ titles: new Map([['jira:PROJ-1', XSS[0] ?? '']]) });
    const open = vi.fn();
    render(
      <Timeline
        day={DAY}
        report={report()}
        idle={[
          {
            id: 3,
            startedAt: `${DAY}T12:00:00.000+01:00`,
            endedAt: `${DAY}T12:20:00.000+01:00`,
            durationSeconds: 1_200,
            reason: 'inactivity',
            state: 'discarded',
            reassignedTo: null,
            decidedBy: 'user',
            decideBy: null,
          },
        ]}
        screenshots={[
          {
            id: 'a1',
            capturedAt: `${DAY}T09:30:00.000+01:00`,
            day: DAY,
            display: '0',
            width: 1920,
            height: 1080,
            blurred: true,
            bytes: 1000,
            entryId: 1,
            taskRef: 'jira:PROJ-1',
            state: 'ok',
          },
        ]}
        nowMinute={null}
        onOpenScreenshot={open}
      />,
    );
    const block = screen.getByRole('listitem', { name: /09:00–10:30, 1h 30m/ });
    expect(block.textContent).toBe(XSS[0]);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('listitem', { name: 'Idle 12:00–12:20, 20m, discarded' })).toBeTruthy();
    screen.getByRole('button', { name: 'Screenshot at 09:30 (blurred)' }).click();
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ id: 'a1' }));
  });
});
