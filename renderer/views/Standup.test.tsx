import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandupDestinationDto, StandupDto } from '../../common/dto';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { standup } from '../test-support/report-samples';
import { XSS } from '../test-support/samples';
import { useNav } from '../stores/nav-store';
import { useSettings } from '../stores/settings-store';
import { useStandup } from '../stores/standup-store';
import { Standup } from './Standup';

/** The core's answers to standup.destination (StandupService.destination()), one per case the view shows. */
const toSlack: StandupDestinationDto = { provider: 'slack', where: 'channel C0STANDUP', managed: false, problem: null };
const slackNotAllowed: StandupDestinationDto = {
  provider: 'slack',
  where: 'channel C0STANDUP',
  managed: true,
  problem: {
    reason: 'not_allowed',
    blocking: true,
    text: 'Your organization does not allow Slack.',
    managed: true,
    fixIn: null,
    detail: 'Slack connections are not allowed: integrations.allowed permits only jira (machine policy /etc/clockhand/policies.json)',
  },
};
const slackNotConnected: StandupDestinationDto = {
  provider: 'slack',
  where: 'channel C0STANDUP',
  managed: false,
  problem: {
    reason: 'no_connection',
    blocking: true,
    text: 'No Slack connection: connect it in Integrations.',
    managed: false,
    fixIn: 'integrations',
    detail: 'From the command line: clockhand connect slack',
  },
};
const teamsWithoutTeam: StandupDestinationDto = {
  provider: 'teams',
  where: null,
  managed: false,
  problem: {
    reason: 'no_channel',
    blocking: true,
    text: 'No channel yet: set standup.teamsTeamId and standup.teamsChannelId in Settings.',
    managed: false,
    fixIn: 'settings',
    detail: 'From the command line: clockhand settings set standup.teamsTeamId <team id> and standup.teamsChannelId <channel id>',
  },
};

describe('Standup', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    useStandup.setState({ current: null, history: [], destination: null, busy: null, error: null });
    useSettings.setState({ policy: null, errors: new Map(), error: null });
    useNav.setState({ view: 'today' });
  });

  it('shows today’s standup, saves the person’s words, posts it and follows it until Slack has it', async () => {
    let current: StandupDto = standup();
    let previews = 0;
    const calls = installFakeBridge({
      'standup.destination': ok(toSlack),
      'standup.preview': () => {
        previews += 1;
        // The poster delivers while the window polls: the second look after posting finds it posted.
        if (current.state === 'pending' && previews > 3) {
          current = {
            ...current,
            state: 'posted',
            postedRevision: current.revision,
            destination: 'slack C0STANDUP',
            postedAt: '2026-11-24T09:31:00.000+01:00',
          };
        }
        return { ok: true, value: current };
      },
      'standup.history': () => ({ ok: true, value: [current] }),
      'standup.edit': (input) => {
        const edits = input as { yesterday: string | null; today: string | null; blockers: string | null };
        current = {
          ...current,
          edits,
          revision: current.revision + 1,
          text: current.text.replace('Blockers:\n  None', `Blockers:\n  ${edits.blockers ?? 'None'}`),
        };
        return { ok: true, value: current };
      },
      'standup.post': () => {
        current = { ...current, state: 'pending' };
        return { ok: true, value: current };
      },
    });
    render(<Standup />);
    const preview = await screen.findByLabelText('Standup text');
    expect(preview.textContent).toContain('- PROJ-1 Checkout page loads slowly (1h 30m)');
    expect(screen.getByRole('status').textContent).toBe('Draft (not posted).');
    expect(screen.getByText(/Slack · channel C0STANDUP/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Yesterday').placeholder).toBe('PROJ-1 Checkout page loads slowly (1h 30m)');

    fireEvent.change(screen.getByLabelText('Blockers'), { target: { value: 'Waiting for the API key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.getByLabelText('Standup text').textContent).toContain('Waiting for the API key');
    });
    expect(calls.find((c) => c.name === 'standup.edit')?.input).toEqual({
      yesterday: null,
      today: null,
      blockers: 'Waiting for the API key',
    });
    expect(screen.getByLabelText<HTMLTextAreaElement>('Blockers').value).toBe('Waiting for the API key');

    fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(
      () => {
        expect(screen.getByRole('status').textContent).toBe('Posted at 09:31 to slack C0STANDUP.');
      },
      { timeout: 4_000 },
    );
    expect(calls.filter((c) => c.name === 'standup.post')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Post' })).toBeNull();
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getByText('Posted')).toBeTruthy();
  });

  it('shows the vendor’s refusal as text and offers to try again', async () => {
    const refused = standup({ state: 'needs_attention', attempts: 2, lastError: `Slack refused the message: ${XSS[0] ?? ''}` });
    installFakeBridge({
      'standup.destination': ok(toSlack),
      'standup.preview': ok(refused),
      'standup.history': ok([refused]),
    });
    render(<Standup />);
    await screen.findByRole('button', { name: 'Try again' });
    const errors = screen.getAllByText(`Slack refused the message: ${XSS[0] ?? ''}`);
    expect(errors).toHaveLength(2);
    expect(document.querySelector('img')).toBeNull();
    expect(within(screen.getByRole('list', { name: 'History' })).getByText(/2 attempts/)).toBeTruthy();
  });

  it('does not post where the organization does not allow it, and says the policy decides', async () => {
    const calls = installFakeBridge({
      'standup.destination': ok(slackNotAllowed),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText('Your organization does not allow Slack. Managed by your organization.');
    expect(screen.getByText(/Slack · channel C0STANDUP/).textContent).toContain('Managed by your organization');
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
    // Nothing the person can open fixes a policy.
    expect(screen.queryByRole('button', { name: /^Open / })).toBeNull();
    expect(calls.some((c) => c.name === 'standup.post')).toBe(false);
  });

  it('points to Integrations when the destination has no connection', async () => {
    installFakeBridge({
      'standup.destination': ok(slackNotConnected),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText(/No Slack connection: connect it in Integrations\./);
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Open Integrations' }));
    expect(useNav.getState().view).toBe('integrations');
  });

  it('a connection that needs signing in again does not block: the note and Open Integrations show, Post stays offered', async () => {
    const waiting: StandupDestinationDto = {
      ...slackNotConnected,
      problem: {
        reason: 'needs_reconnect',
        blocking: false,
        text: 'Slack needs you to sign in again: reconnect it in Integrations. A standup posted now waits until you do.',
        managed: false,
        fixIn: 'integrations',
        detail: 'From the command line: clockhand connect slack',
      },
    };
    installFakeBridge({ 'standup.destination': ok(waiting), 'standup.preview': ok(standup()), 'standup.history': ok([]) });
    render(<Standup />);
    await screen.findByText(/A standup posted now waits until you do\./);
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Open Integrations' })).toBeTruthy();
  });

  it('shows the core’s answer when Teams through Graph lacks the team id: the sentence, Open Settings, no Post', async () => {
    installFakeBridge({
      'standup.destination': ok(teamsWithoutTeam),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText(/No channel yet: set standup\.teamsTeamId and standup\.teamsChannelId in Settings\./);
    expect(screen.getByText('Microsoft Teams')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(useNav.getState().view).toBe('settings');
  });

  it('asks the core again when the policy changes: the organization allows Slack again and Post is offered', async () => {
    let destination = slackNotAllowed;
    const calls = installFakeBridge({
      'standup.destination': () => ({ ok: true, value: destination }),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText('Your organization does not allow Slack. Managed by your organization.');
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);

    destination = toSlack;
    // What main-events does when the app says the settings changed: the settings store reads the policy again.
    act(() => {
      useSettings.setState({ policy: { problem: null, sources: [], settings: [] } });
    });
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', false);
    });
    expect(screen.queryByText(/does not allow/)).toBeNull();
    expect(calls.filter((c) => c.name === 'standup.destination').length).toBeGreaterThanOrEqual(2);
  });

  it('does not offer Post while the core has not said where the standup goes', async () => {
    installFakeBridge({
      'standup.destination': () => ({ ok: false, error: { code: 'internal', message: 'The core is restarting.' } }),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText('The core is restarting.');
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
  });

  it('does not offer to change a standup posted to Teams (Teams posts cannot be edited from here)', async () => {
    const posted = standup({
      state: 'posted',
      destination: 'teams webhook',
      postedRevision: 1,
      postedAt: '2026-11-24T09:31:00.000+01:00',
    });
    installFakeBridge({
      'standup.destination': ok({ provider: 'teams', where: 'a Workflows webhook', managed: false, problem: null }),
      'standup.preview': ok(posted),
      'standup.history': ok([posted]),
    });
    render(<Standup />);
    await screen.findByText('Posted to Teams: change it there.');
    expect(screen.getByRole('status').textContent).toBe('Posted at 09:31 to teams webhook.');
    expect(screen.getByText(/Microsoft Teams · a Workflows webhook/)).toBeTruthy();
    expect(screen.getByLabelText('Blockers')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });
});
