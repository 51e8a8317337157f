import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionDto } from '../../common/dto';
import type { Result } from '../../common/result';
import { useIntegrations } from '../stores/integrations-store';
import { signInLink, useSignIn } from '../stores/sign-in-store';
import { installFakeBridge, ok, removeFakeBridge, type RecordedCall } from '../test-support/fake-bridge';
import { Integrations } from './Integrations';
import type { OperationName } from '../../common/contract';

function connection(over: Partial<ConnectionDto> = {}): ConnectionDto {
  return {
    id: 1,
    provider: 'slack',
    auth: 'oauth',
    site: 'https://acme.slack.com',
    account: 'Ada Lovelace',
    accountId: 'U1',
    state: 'ok',
    stateReason: null,
    checkedAt: '2026-11-23T09:00:00.000+01:00',
    ...over,
  };
}

const started = (provider: string) => ({
  flow: `${provider}-1`,
  url: `https://slack.com/oauth/v2/authorize?client_id=c&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback`,
  timeoutSeconds: 300,
});

/** A bridge whose connection.oauth.finish waits until the test settles it (as the core waits for the browser). */
function signInBridge(answers: Record<string, (input: unknown) => Result<unknown>>): {
  calls: RecordedCall[];
  settle: (result: Result<unknown>) => void;
} {
  const calls = installFakeBridge(answers);
  const inner = window.clockhand;
  const pending: ((result: Result<unknown>) => void)[] = [];
  Object.defineProperty(window, 'clockhand', {
    configurable: true,
    value: {
      invoke: (name: string, input: unknown): Promise<Result<unknown>> => {
        if (name !== 'connection.oauth.finish')
          return inner?.invoke(name as OperationName, input) ?? Promise.reject(new Error('no bridge'));
        calls.push({ name, input });
        return new Promise((resolve) => pending.push(resolve));
      },
    },
  });
  return {
    calls,
    settle: (result) => {
      pending.shift()?.(result);
    },
  };
}

const refusal = (code: 'invalid_input' | 'unavailable' | 'conflict' | 'policy_locked', message: string): Result<unknown> => ({
  ok: false,
  error: { code, message },
});

describe('browser sign-in from the Integrations view', () => {
  afterEach(() => {
    cleanup();
    removeFakeBridge();
    useSignIn.setState({ signIn: { phase: 'idle' } });
    useIntegrations.setState({ connections: [], error: null, busy: false });
  });

  it('signs in with Slack: waiting (with the page as a link and Cancel), then connected, and the list reloads', async () => {
    let listed: ConnectionDto[] = [];
    const { calls, settle } = signInBridge({
      'connections.list': () => ({ ok: true, value: listed }),
      'connection.oauth.begin': (input) => ({ ok: true, value: started((input as { provider: string }).provider) }),
      'tasks.list': ok({ tasks: [], problems: [], fetchedAt: null }),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Slack' }));
    const status = await screen.findByText(/Waiting for you to sign in to Slack in your browser \(up to 5 minutes\)/);
    expect(status.getAttribute('role')).toBe('status');
    const link = screen.getByRole('link', { name: 'Open the Slack sign-in page' });
    expect(link.getAttribute('href')).toBe(started('slack').url);
    expect(link.getAttribute('rel')).toContain('noreferrer');
    expect(screen.queryByRole('button', { name: 'Sign in with Asana' })).toBeNull();
    expect(calls.filter((c) => c.name.startsWith('connection.oauth')).map((c) => [c.name, c.input])).toEqual([
      ['connection.oauth.begin', { provider: 'slack' }],
      ['connection.oauth.finish', { flow: 'slack-1' }],
    ]);
    listed = [connection()];
    await act(async () => {
      settle({ ok: true, value: connection() });
      await Promise.resolve();
    });
    await screen.findByText('Connected to Slack as Ada Lovelace.');
    const list = await screen.findByRole('list', { name: 'Connections' });
    expect(within(list).getByText('Connected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('button', { name: 'Sign in with Slack' })).toBeTruthy();
  });

  it('cancel stops the core waiting for the browser; the cancelled refusal that follows is not shown', async () => {
    const { calls, settle } = signInBridge({
      'connections.list': ok([]),
      'connection.oauth.begin': () => ({ ok: true, value: started('asana') }),
      'connection.oauth.cancel': ok({ cancelled: true }),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Asana' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel sign-in' }));
    await waitFor(() => {
      expect(calls.find((c) => c.name === 'connection.oauth.cancel')?.input).toEqual({ flow: 'asana-1' });
    });
    await act(async () => {
      settle(refusal('conflict', 'the Asana sign-in was cancelled'));
      await Promise.resolve();
    });
    expect(screen.getByRole('button', { name: 'Sign in with Asana' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each([
    ['a denied consent', refusal('invalid_input', 'the Slack sign-in was denied: the provider answered access_denied')],
    ['a timeout', refusal('unavailable', 'the Slack sign-in timed out: no sign-in within 300 s')],
    ['a code the provider refuses', refusal('invalid_input', 'invalid_grant when exchanging the code; nothing was stored')],
  ])('shows %s as text', async (_what, answer) => {
    const { settle } = signInBridge({
      'connections.list': ok([]),
      'connection.oauth.begin': () => ({ ok: true, value: started('slack') }),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Slack' }));
    await screen.findByRole('button', { name: 'Cancel sign-in' });
    await act(async () => {
      settle(answer);
      await Promise.resolve();
    });
    const message = answer.ok ? '' : answer.error.message;
    expect((await screen.findByRole('alert')).textContent).toBe(`Slack was not connected: ${message}`);
    expect(screen.getByRole('button', { name: 'Sign in with Slack' })).toBeTruthy();
  });

  it('shows a refused start (policy) as text and never waits', async () => {
    const { calls } = signInBridge({
      'connections.list': ok([]),
      'connection.oauth.begin': () =>
        refusal('policy_locked', 'Slack connections are not allowed: integrations.allowed permits only jira (machine policy)'),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Slack' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Slack connections are not allowed');
    expect(calls.some((c) => c.name === 'connection.oauth.finish')).toBe(false);
  });

  it('reconnects a browser-signed-in connection that needs it by signing in again (Jira with its site)', async () => {
    const { calls } = signInBridge({
      'connections.list': ok([
        connection({ id: 2, provider: 'jira', site: 'https://acme.atlassian.net', state: 'needs_reauth', stateReason: 'sign in again' }),
        connection({ id: 3, provider: 'asana', auth: 'pat', site: 'https://app.asana.com', state: 'needs_reauth' }),
      ]),
      'connection.oauth.begin': () => ({ ok: true, value: started('jira') }),
    });
    render(<Integrations />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect Jira Cloud (https://acme.atlassian.net): sign in again' }));
    await screen.findByText(/Waiting for you to sign in to Jira Cloud/);
    expect(calls.find((c) => c.name === 'connection.oauth.begin')?.input).toEqual({ provider: 'jira', site: 'https://acme.atlassian.net' });
    // The token connection reconnects with a token, through the form.
    const rows = screen.getAllByRole('listitem');
    fireEvent.click(within(rows[1] ?? document.body).getByRole('button', { name: 'Reconnect' }));
    expect(screen.getByRole('form', { name: 'Connect' })).toBeTruthy();
  });

  it('connects Jira Cloud with a token: the fields go to connection.add, the token is hidden and not remembered, a refusal shows', async () => {
    const calls = installFakeBridge({
      'connections.list': ok([]),
      'connection.add': () => refusal('invalid_input', 'Jira refused the API token (HTTP 401)'),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect…' }));
    const form = screen.getByRole('form', { name: 'Connect' });
    fireEvent.change(within(form).getByLabelText('Site'), { target: { value: 'https://acme.atlassian.net' } });
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    const token = within(form).getByLabelText<HTMLInputElement>('Token');
    expect([token.type, token.autocomplete, token.required]).toEqual(['password', 'off', true]);
    fireEvent.change(token, { target: { value: 'ATATT-secret' } });
    fireEvent.submit(form);
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', 'Jira refused the API token (HTTP 401)');
    expect(calls.filter((c) => c.name === 'connection.add').map((c) => c.input)).toEqual([
      { provider: 'jira', site: 'https://acme.atlassian.net', email: 'ada@example.com', token: 'ATATT-secret' },
    ]);
    expect(token.value).toBe('');
    fireEvent.change(within(form).getByRole('combobox'), { target: { value: 'teams' } });
    expect(within(form).queryByLabelText('Email')).toBeNull();
    expect(within(form).getByLabelText<HTMLInputElement>('Webhook URL').type).toBe('password');
  });

  it('offers only https (or loopback test) pages as a link', async () => {
    expect(signInLink('javascript:window.__pwned=1')).toBeNull();
    expect(signInLink('data:text/html,<script>1</script>')).toBeNull();
    expect(signInLink('http://evil.example/authorize')).toBeNull();
    expect(signInLink('https://user:pw@slack.com/')).toBeNull();
    expect(signInLink('http://127.0.0.1:4100/oauth/v2/authorize?x=1')).toBe('http://127.0.0.1:4100/oauth/v2/authorize?x=1');
    signInBridge({
      'connections.list': ok([]),
      'connection.oauth.begin': () => ({ ok: true, value: { ...started('teams'), url: 'javascript:window.__pwned=1' } }),
    });
    render(<Integrations />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Microsoft Teams' }));
    await screen.findByText(/Waiting for you to sign in to Microsoft Teams/);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
