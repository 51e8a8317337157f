import { describe, expect, it } from 'vitest';
import type { TimeEntryRecord } from '../ports/repositories';
import { coreHarness, must } from '../../../test/fakes/core-harness';
import { composeStandup, formatMinutes } from './standup-compose';
import { plainText, slackMessage, standupSections, teamsAdaptiveCard, teamsHtml } from './standup-render';
import { scheduledInstant } from './standup-schedule';

const HOUR = 3_600_000;
const day = { start: new Date(2026, 10, 20).getTime(), end: new Date(2026, 10, 21).getTime() };

function entry(id: number, taskRef: string, startHour: number, hours: number, endedAt: number | null = null): TimeEntryRecord {
  const startedAt = day.start + startHour * HOUR;
  return {
    id,
    taskRef,
    startedAt,
    endedAt: endedAt ?? startedAt + hours * HOUR,
    note: null,
    origin: 'manual',
    checkpointAt: startedAt,
    createdAt: startedAt,
    updatedAt: startedAt,
  };
}

const EVIL = '<!channel> & <https://evil.example|click> <script>alert(1)</script>';

describe('composing and rendering a standup', () => {
  it('groups the previous working day by issue, clipped to the day, longest first, with titles', () => {
    const content = composeStandup({
      worked: { day: '2026-11-20', ...day },
      entries: [
        entry(1, 'jira:ABC-1', 9, 1.5),
        entry(2, 'jira:ABC-2', 11, 0.5),
        entry(3, 'jira:ABC-1', 14, 1),
        // Started the evening before: only its part inside the day counts.
        { ...entry(4, 'local:review', -1, 2) },
      ],
      assigned: [
        { taskRef: 'jira:ABC-1', title: 'Login page', status: 'In Progress', project: 'ABC' },
        { taskRef: 'jira:ABC-3', title: 'Billing export', status: 'In Review', project: 'ABC' },
        { taskRef: 'jira:ABC-4', title: 'Someday', status: 'To Do', project: 'ABC' },
      ],
      running: { ...entry(5, 'jira:ABC-9', 30, 0), endedAt: null },
      now: day.end + 10 * HOUR,
    });
    expect(content).toEqual({
      workedDay: '2026-11-20',
      yesterday: [
        { taskRef: 'jira:ABC-1', title: 'Login page', minutes: 150 },
        { taskRef: 'jira:ABC-2', title: null, minutes: 30 },
        { taskRef: 'local:review', title: null, minutes: 60 },
      ].sort((a, b) => b.minutes - a.minutes),
      today: [
        { taskRef: 'jira:ABC-9', title: null, running: true },
        { taskRef: 'jira:ABC-1', title: 'Login page', running: false },
        { taskRef: 'jira:ABC-3', title: 'Billing export', running: false },
      ],
    });
    expect([formatMinutes(150), formatMinutes(45), formatMinutes(120)]).toEqual(['2h 30m', '45m', '2h']);
  });

  it('escapes &, < and > in every piece of Slack mrkdwn, and HTML in the Graph body; the Adaptive Card stays plain text', () => {
    const sections = standupSections(
      '2026-11-23',
      { workedDay: '2026-11-20', yesterday: [{ taskRef: 'jira:ABC-1', title: EVIL, minutes: 90 }], today: [] },
      { yesterday: null, today: null, blockers: `Waiting on ${EVIL}` },
    );
    const slack = JSON.stringify(slackMessage(sections));
    expect(slack).not.toMatch(/<!channel>|<https:|<script>/);
    expect(slack).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
    expect(slack).toContain('ABC-1 &lt;!channel&gt;');
    const html = teamsHtml(sections);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<ul><li>ABC-1 &lt;!channel&gt; &amp;');
    const card = teamsAdaptiveCard(sections) as { attachments: { content: { body: { type: string; text: string }[] } }[] };
    const blocks = card.attachments[0]?.content.body ?? [];
    expect(blocks.every((block) => block.type === 'TextBlock')).toBe(true);
    expect(blocks.map((block) => block.text)).toContain(`Waiting on ${EVIL}`);
    expect(plainText(sections)).toContain('Blockers:\n  Waiting on');
  });

  it('the user’s words replace a composed section; empty sections say so', () => {
    const sections = standupSections(
      '2026-11-23',
      { workedDay: '2026-11-20', yesterday: [], today: [{ taskRef: 'jira:ABC-1', title: 'Login', running: false }] },
      { yesterday: 'Pairing all day\n\nwith Bob', today: null, blockers: null },
    );
    expect(plainText(sections)).toBe(
      [
        'Daily standup 2026-11-23',
        '',
        'Yesterday (2026-11-20):',
        '  Pairing all day',
        '  with Bob',
        '',
        'Today:',
        '- ABC-1 Login',
        '',
        'Blockers:',
        '  None',
      ].join('\n'),
    );
  });

  it('preview through the core: Monday shows Friday’s tracked time and the running timer; edit keeps the words', () => {
    const friday = new Date(2026, 10, 20, 9).getTime();
    const h = coreHarness(scheduledInstant({ year: 2026, month: 11, day: 23 }, '09:00'));
    must(h.core.invoke('entry.add', { taskRef: 'jira:ABC-1', start: '2026-11-20T09:00', end: '2026-11-20T10:30' }));
    must(h.core.invoke('entry.add', { taskRef: 'jira:ABC-2', start: '2026-11-20T13:00', end: '2026-11-20T13:45' }));
    must(h.core.invoke('entry.add', { taskRef: 'jira:ABC-7', start: '2026-11-19T13:00', end: '2026-11-19T13:45' }));
    must(h.core.invoke('timer.start', { taskRef: 'jira:ABC-5' }));
    expect(friday).toBeLessThan(h.time.now());
    const preview = must(h.core.invoke('standup.preview', {}));
    expect(preview).toMatchObject({
      day: '2026-11-23',
      state: 'draft',
      workedDay: '2026-11-20',
      yesterday: [
        { taskRef: 'jira:ABC-1', minutes: 90 },
        { taskRef: 'jira:ABC-2', minutes: 45 },
      ],
      today: [{ taskRef: 'jira:ABC-5', running: true }],
    });
    const edited = must(h.core.invoke('standup.edit', { blockers: 'Waiting for the API key' }));
    expect(edited.edits.blockers).toBe('Waiting for the API key');
    expect(edited.text).toContain('Blockers:\n  Waiting for the API key');
    // Recomposing (a new preview) keeps the user's words.
    expect(must(h.core.invoke('standup.preview', {})).edits.blockers).toBe('Waiting for the API key');
    const refused = h.core.invoke('standup.post', {});
    expect(refused.ok ? null : refused.error.message).toMatch(/standup.destination/);
    expect(h.core.invoke('standup.edit', { day: '2099-01-01', blockers: 'x' }).ok).toBe(false);
  });
});
