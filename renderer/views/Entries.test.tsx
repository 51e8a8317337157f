import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeBridge, ok, refuse, removeFakeBridge } from '../test-support/fake-bridge';
import { entry, noCounts, policy, syncItem, XSS } from '../test-support/samples';
import { useEntries } from '../stores/entries-store';
import { useNav } from '../stores/nav-store';
import { useSettings } from '../stores/settings-store';
import { Entries } from './Entries';

const DAY = '2026-11-23';
const sync = { counts: noCounts, items: [syncItem({ lastError: XSS[1] ?? '' })], problems: [] };

describe('Entries', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    useEntries.setState({ day: null, entries: [], attention: new Map(), error: null });
  });

  it('shows sync state per target, the vendor error as text, and retries a quarantined item', async () => {
    useNav.setState({ day: DAY });
    const listed = [
      entry({
        note: XSS[2] ?? '',
        sync: [{ itemId: 9, provider: 'jira', target: 'PROJ-1', state: 'needs_attention', operation: 'create' }],
      }),
      entry({
        id: 2,
        startedAt: `${DAY}T11:00:00.000+01:00`,
        endedAt: `${DAY}T11:30:00.000+01:00`,
        durationSeconds: 1800,
        sync: [{ itemId: 10, provider: 'tempo', target: 'PROJ-1', state: 'done', operation: 'create' }],
      }),
    ];
    const calls = installFakeBridge({
      'entries.list': ok(listed),
      'sync.list': ok(sync),
      'sync.retry': ok(syncItem({ state: 'pending' })),
    });
    render(<Entries />);
    const rows = await screen.findAllByRole('listitem');
    expect(within(rows[0] as HTMLElement).getByText(XSS[1] ?? '').className).toBe('vendor-error');
    expect(within(rows[0] as HTMLElement).getByText(XSS[2] ?? '').className).toBe('entry-note');
    expect(rows[1]?.textContent).toContain('Tempo · synced');
    expect(document.querySelector('script, img, svg')).toBeNull();
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Retry' }));
    await waitFor(() => {
      expect(calls.some((c) => c.name === 'sync.retry' && JSON.stringify(c.input) === '{"id":9}')).toBe(true);
    });
  });

  it('adds an entry in local time on the open day and shows the core refusal without losing the form', async () => {
    useNav.setState({ day: DAY });
    const calls = installFakeBridge({
      'entries.list': ok([]),
      'sync.list': ok({ counts: noCounts, items: [], problems: [] }),
      'tasks.list': ok({ tasks: [], sources: [] }),
      'entry.add': refuse('overlap', 'the entry overlaps entry 4 (09:30–10:00)'),
    });
    render(<Entries />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add entry' }));
    const picker = screen.getByRole('combobox');
    fireEvent.change(picker, { target: { value: 'Planning' } });
    fireEvent.keyDown(picker, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('the entry overlaps entry 4 (09:30–10:00)');
    });
    expect(calls.find((c) => c.name === 'entry.add')?.input).toEqual({
      taskRef: 'local:Planning',
      start: `${DAY}T09:00`,
      end: `${DAY}T10:00`,
    });
    expect(screen.getByRole('form', { name: 'New entry' })).toBeTruthy();
  });

  it('offers no edit, split or delete when the organization turns editing off', async () => {
    useNav.setState({ day: DAY });
    useSettings.setState({
      policy: { ...policy, settings: [{ key: 'tracking.allowEditing', value: false, source: 'machine', locked: true }] },
    });
    installFakeBridge({ 'entries.list': ok([entry()]), 'sync.list': ok({ counts: noCounts, items: [], problems: [] }) });
    render(<Entries />);
    await screen.findAllByRole('listitem');
    expect(screen.queryByRole('button', { name: /^Edit entry/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete entry/ })).toBeNull();
    useSettings.setState({ policy: null });
  });
});
