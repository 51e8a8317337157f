import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdleSpanDto } from '../../common/dto';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { IdleDialog } from './IdleDialog';

const span: IdleSpanDto = {
  id: 4,
  startedAt: '2026-11-23T10:00:00.000+01:00',
  endedAt: '2026-11-23T10:25:00.000+01:00',
  durationSeconds: 1_500,
  reason: 'inactivity',
  state: 'pending',
  reassignedTo: null,
  decidedBy: null,
  decideBy: '2026-11-23T10:35:00.000+01:00',
};

describe('the idle decision dialog', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
  });

  it('shows the span and keeps it', async () => {
    const calls = installFakeBridge({ 'idle.resolve': ok({ ...span, state: 'kept' }), status: ok(null) });
    render(<IdleDialog span={span} />);
    expect(screen.getByText('10:00 – 10:25')).toBeTruthy();
    expect(screen.getByText(/the default applies at 10:35/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    await waitFor(() => {
      expect(calls[0]).toEqual({ name: 'idle.resolve', input: { id: 4, action: 'keep' } });
    });
  });

  it('reassigns the span to a picked task', async () => {
    const calls = installFakeBridge({ 'idle.resolve': ok({ ...span, state: 'reassigned' }), status: ok(null) });
    render(<IdleDialog span={span} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reassign…' }));
    const picker = screen.getByRole('combobox');
    fireEvent.change(picker, { target: { value: 'OPS-3' } });
    fireEvent.keyDown(picker, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Assign time' }));
    await waitFor(() => {
      expect(calls[0]).toEqual({ name: 'idle.resolve', input: { id: 4, action: 'reassign', taskRef: 'jira:OPS-3' } });
    });
  });
});
