import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { installFakeBridge, removeFakeBridge } from '../test-support/fake-bridge';
import { usePrivacy } from '../stores/privacy-store';
import { defaultExportPath, ExportCard } from './ExportCard';

describe('ExportCard', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    usePrivacy.setState({ exported: null, exporting: false, progress: null, error: null });
  });

  it('puts the export next to the data folder, with / or \\ as the data folder uses', () => {
    expect(defaultExportPath('/home/ada/.local/share/clockhand/', 'csv')).toBe('/home/ada/.local/share/clockhand-export.csv');
    expect(defaultExportPath('C:\\Users\\ada\\AppData\\Roaming\\clockhand', 'archive')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\clockhand-export.zip',
    );
  });

  it('offers the archive as a .zip, shows the core’s progress while it runs, and what it wrote', async () => {
    let finish: (result: Result<unknown>) => void = () => undefined;
    const calls = installFakeBridge({
      'data.exportProgress': () => ({
        ok: true,
        value: { running: true, format: 'archive', phase: 'screenshots', done: 3, total: 12, startedAt: '2026-11-24T10:00:00.000+01:00' },
      }),
    });
    // data.export answers when the test says so: the export is still running meanwhile.
    const bridge = window.clockhand as unknown as { invoke: (name: string, input: unknown) => Promise<Result<unknown>> };
    const invoke = bridge.invoke;
    bridge.invoke = (name, input) => {
      if (name !== 'data.export') return invoke(name, input);
      calls.push({ name, input });
      return new Promise((resolve) => {
        finish = resolve;
      });
    };
    render(<ExportCard dataDir="/home/ada/.local/share/clockhand" />);
    const path = screen.getByLabelText<HTMLInputElement>('Save to (absolute path, outside the data folder)');
    await waitFor(() => {
      expect(path.value).toBe('/home/ada/.local/share/clockhand-export.csv');
    });
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'archive' } });
    expect(path.value).toBe('/home/ada/.local/share/clockhand-export.zip');
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toContain('Exporting screenshots: 3 / 12 (25%)');
    });
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export' })).toHaveProperty('disabled', true);
    expect(calls.find((c) => c.name === 'data.export')?.input).toEqual({
      format: 'archive',
      out: '/home/ada/.local/share/clockhand-export.zip',
    });
    finish({ ok: true, value: { path: '/home/ada/.local/share/clockhand-export.zip', entries: 42, bytes: 123_456, screenshots: 12 } });
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe(
        'Exported 42 entries and 12 screenshots to /home/ada/.local/share/clockhand-export.zip.',
      );
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('keeps a path the person typed when the format changes', () => {
    installFakeBridge({});
    render(<ExportCard dataDir={null} />);
    const path = screen.getByLabelText<HTMLInputElement>('Save to (absolute path, outside the data folder)');
    fireEvent.change(path, { target: { value: '/tmp/my-backup' } });
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'archive' } });
    expect(path.value).toBe('/tmp/my-backup');
    fireEvent.change(path, { target: { value: '/tmp/mine.json' } });
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'archive' } });
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'json' } });
    expect(path.value).toBe('/tmp/mine.json');
  });
});
