import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionDto, PolicyView, StandupDto } from '../../common/dto';
import { installFakeBridge, ok, removeFakeBridge } from '../test-support/fake-bridge';
import { standup } from '../test-support/report-samples';
import { XSS } from '../test-support/samples';
import { useSettings } from '../stores/settings-store';
import { useStandup } from '../stores/standup-store';
import { Standup } from './Standup';

const slack: ConnectionDto = {
  id: 1,
  provider: 'slack',
  auth: 'oauth',
  site: 'Acme',
  account: 'Ada',
  accountId: 'U1',
  state: 'ok',
  stateReason: null,
  checkedAt: '2026-11-24T09:00:00.000+01:00',
};

function policyWith(settings: PolicyView['settings']): PolicyView {
  return { problem: null, sources: [], settings };
}

const toSlack = policyWith([
  { key: 'standup.destination', value: 'slack', source: 'user', locked: false },
  { key: 'standup.slackChannel', value: 'C0STANDUP', source: 'user', locked: false },
  { key: 'integrations.allowed', value: ['jira', 'tempo', 'asana', 'slack', 'teams'], source: 'default', locked: false },
]);

describe('Standup', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    useStandup.setState({ current: null, history: [], connections: [], busy: null, error: null });
    useSettings.setState({ policy: null, errors: new Map(), error: null });
  });

  it('shows today’s standup, saves the person’s words, posts it and follows it until Slack has it', async () => {
    let current: StandupDto = standup();
    let previews = 0;
    const calls = installFakeBridge({
      'policy.show': ok(toSlack),
      'connections.list': ok([slack]),
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
      'policy.show': ok(toSlack),
      'connections.list': ok([slack]),
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
      'policy.show': ok(
        policyWith([
          { key: 'standup.destination', value: 'slack', source: 'machine', locked: true },
          { key: 'standup.slackChannel', value: 'C0STANDUP', source: 'machine', locked: true },
          { key: 'integrations.allowed', value: ['jira'], source: 'machine', locked: true },
        ]),
      ),
      'connections.list': ok([slack]),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText('Your organization does not allow Slack. Managed by your organization.');
    expect(screen.getByText(/Slack · channel C0STANDUP/).textContent).toContain('Managed by your organization');
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
    expect(calls.some((c) => c.name === 'standup.post')).toBe(false);
  });

  it('points to Integrations when the destination has no connection', async () => {
    installFakeBridge({
      'policy.show': ok(toSlack),
      'connections.list': ok([]),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText(/No Slack connection: connect it in Integrations./);
    expect(screen.getByRole('button', { name: 'Open Integrations' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Post' })).toHaveProperty('disabled', true);
  });

  it('Teams through Graph needs the team and the channel, as the core does: with the channel alone it does not post', async () => {
    installFakeBridge({
      'policy.show': ok(
        policyWith([
          { key: 'standup.destination', value: 'teams', source: 'user', locked: false },
          { key: 'standup.teamsChannelId', value: '19:standups@thread.tacv2', source: 'user', locked: false },
        ]),
      ),
      'connections.list': ok([{ ...slack, id: 2, provider: 'teams', auth: 'oauth' }]),
      'standup.preview': ok(standup()),
      'standup.history': ok([]),
    });
    render(<Standup />);
    await screen.findByText(/No channel yet: set standup.teamsTeamId and standup.teamsChannelId in Settings./);
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
      'policy.show': ok(policyWith([{ key: 'standup.destination', value: 'teams', source: 'user', locked: false }])),
      'connections.list': ok([{ ...slack, id: 2, provider: 'teams', auth: 'webhook' }]),
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
