import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeBridge, ok, refuse, removeFakeBridge } from '../test-support/fake-bridge';
import { policy } from '../test-support/samples';
import { useSettings } from '../stores/settings-store';
import { Settings } from './Settings';

describe('Settings', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    useSettings.setState({ policy: null, errors: new Map(), error: null });
  });

  it('shows a policy-locked setting as managed by the organization, with its source, and not editable', async () => {
    installFakeBridge({ 'policy.show': ok(policy) });
    render(<Settings />);
    const input = await screen.findByLabelText('activity.idleMinutes');
    expect(input).toHaveProperty('disabled', true);
    expect((input as HTMLInputElement).value).toBe('10');
    const row = input.closest('li');
    expect(row?.textContent).toContain('Managed by your organization · Organization policy (this computer)');
    const free = screen.getByLabelText('tracking.roundingMinutes');
    expect(free).toHaveProperty('disabled', false);
    expect(free.closest('li')?.textContent).not.toContain('Managed by your organization');
  });

  it('sends a change to the core and shows its refusal next to the setting', async () => {
    const calls = installFakeBridge({
      'policy.show': ok(policy),
      'settings.set': refuse('invalid_input', 'rounding must be 0, 5, 6, 10, 15 or 30'),
    });
    render(<Settings />);
    const input = await screen.findByLabelText('tracking.roundingMinutes');
    fireEvent.change(input, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('rounding must be 0, 5, 6, 10, 15 or 30');
    });
    expect(calls.find((c) => c.name === 'settings.set')?.input).toEqual({ key: 'tracking.roundingMinutes', value: 7 });
  });

  it('turns a boolean setting on and off with a checkbox', async () => {
    const calls = installFakeBridge({
      'policy.show': ok(policy),
      'settings.set': ok({ key: 'screenshots.blur', value: true, source: 'user', locked: false }),
    });
    render(<Settings />);
    fireEvent.click(await screen.findByLabelText('screenshots.blur'));
    await waitFor(() => {
      expect(calls.find((c) => c.name === 'settings.set')?.input).toEqual({ key: 'screenshots.blur', value: true });
    });
  });
});
