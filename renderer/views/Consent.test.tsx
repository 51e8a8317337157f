import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { App } from '../App';
import { useConsent } from '../stores/consent-store';
import { useIntegrations } from '../stores/integrations-store';
import { useNav } from '../stores/nav-store';
import { useStatus } from '../stores/status-store';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { consentView, policy, status, XSS } from '../test-support/samples';
import { Privacy } from './Privacy';

const HEADING = 'Before Clockhand records anything';
const AGREE = 'I agree — start Clockhand';

const failWith = (code: 'internal' | 'consent_required', message: string) => (): Result<unknown> => ({
  ok: false,
  error: { code, message },
});

describe('Consent (first run)', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    window.localStorage.clear();
    useConsent.setState({ consent: null, error: null, busy: false, onboarding: false });
    useStatus.setState({ status: null, offline: null, error: null, busy: false });
    useIntegrations.setState({ connections: [], error: null, busy: false });
    useNav.setState({ view: 'today' });
  });

  it('shows the consent screen with what is collected, as text, instead of the app while consent is required', async () => {
    installFakeBridge({ 'consent.show': ok(consentView()), status: ok(status({ consent: consentView() })) });
    render(<App />);
    const heading = await screen.findByRole('heading', { level: 1, name: HEADING });
    expect(heading).toBeTruthy();
    const collected = within(screen.getByRole('list', { name: 'What Clockhand collects' })).getAllByRole('listitem');
    expect(collected.map((item) => item.textContent)).toEqual(consentView().collects);
    const never = within(screen.getByRole('list', { name: 'What is never collected' })).getAllByRole('listitem');
    expect(never.map((item) => item.textContent)).toEqual(consentView().neverCollects);
    expect(screen.getByRole('button', { name: AGREE })).toHaveProperty('disabled', false);
    expect(screen.queryByRole('navigation', { name: 'Views' })).toBeNull();
  });

  it('calls consent.accept when the person agrees, then shows the app and the offer to connect accounts', async () => {
    const given = consentView({ state: 'given', recording: true, acceptedAt: '2026-11-23T09:00:00.000+01:00', givenBy: 'user' });
    let accepted = false;
    const calls = installFakeBridge({
      'consent.show': () => ({ ok: true, value: accepted ? given : consentView() }),
      'consent.accept': () => {
        accepted = true;
        return { ok: true, value: given };
      },
      status: () => ({ ok: true, value: status({ consent: accepted ? given : consentView() }) }),
      'connections.list': ok([]),
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: AGREE }));
    await screen.findByRole('navigation', { name: 'Views' });
    expect(calls.filter((c) => c.name === 'consent.accept')).toEqual([{ name: 'consent.accept', input: {} }]);
    expect(screen.queryByRole('heading', { name: HEADING })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Connect accounts' }));
    await screen.findByRole('heading', { level: 1, name: 'Integrations' });
    expect(useNav.getState().view).toBe('integrations');
  });

  it('keeps the consent screen and shows the core’s error when accepting fails', async () => {
    const calls = installFakeBridge({
      'consent.show': ok(consentView()),
      'consent.accept': failWith('internal', 'The consent could not be stored: disk full.'),
      status: ok(status({ consent: consentView() })),
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: AGREE }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toBe('The consent could not be stored: disk full.');
    });
    expect(calls.some((c) => c.name === 'consent.accept')).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: HEADING })).toBeTruthy();
    expect(screen.getByRole('button', { name: AGREE })).toHaveProperty('disabled', false);
    expect(screen.queryByRole('navigation', { name: 'Views' })).toBeNull();
  });

  it('shows markup in a collected item as text and never runs it', async () => {
    const hostile = consentView({ collects: [...XSS, 'Plain line.'] });
    installFakeBridge({ 'consent.show': ok(hostile), status: ok(status({ consent: hostile })) });
    const { container } = render(<App />);
    const list = await screen.findByRole('list', { name: 'What Clockhand collects' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([...XSS, 'Plain line.']);
    expect(container.querySelectorAll('img, script, svg').length).toBe(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows the app when the organization gave consent, and Privacy says so with its time and notices', async () => {
    const byOrganization = consentView({
      state: 'given_by_organization',
      recording: true,
      acceptedAt: '2026-11-23T08:15:00.000+01:00',
      givenBy: 'organization',
      policyVersion: 'sha256:abc123',
      notices: [{ feature: 'screenshots', since: '2026-11-23T08:15:00.000+01:00', how: 'consent' }],
    });
    installFakeBridge({
      'consent.show': ok(byOrganization),
      status: ok(status({ consent: byOrganization })),
      'policy.show': ok(policy),
    });
    render(<App />);
    await screen.findByRole('navigation', { name: 'Views' });
    expect(screen.queryByRole('heading', { name: HEADING })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Connect accounts' })).toBeNull();
    cleanup();

    render(<Privacy />);
    const card = (await screen.findByRole('heading', { level: 2, name: 'Consent' })).closest('section');
    expect(card?.textContent).toContain('Consent was given by your organization');
    expect(card?.textContent).toContain('08:15');
    expect(card?.textContent).toContain('sha256:abc123');
    expect(within(screen.getByRole('list', { name: 'Notices' })).getByRole('listitem').textContent).toContain(
      'Screenshots: told at consent',
    );
    // Privacy lists the core's consent text, the sentences the person or organization agreed to, not a copy of its own.
    const collected = within(screen.getByRole('list', { name: 'What is collected' })).getAllByRole('listitem');
    expect(collected.map((item) => item.textContent)).toEqual(byOrganization.collects);
    const never = within(screen.getByRole('list', { name: 'What is never collected' })).getAllByRole('listitem');
    expect(never.map((item) => item.textContent)).toEqual(byOrganization.neverCollects);
  });

  it('Privacy says why when the core cannot answer consent.show, and shows no made-up list', async () => {
    installFakeBridge({ 'consent.show': failWith('internal', 'The core is not running.'), 'policy.show': ok(policy) });
    render(<Privacy />);
    expect((await screen.findByRole('alert')).textContent).toBe('The core is not running.');
    expect(screen.queryByRole('list', { name: 'What is collected' })).toBeNull();
  });
});
