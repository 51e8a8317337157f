import { describe, expect, it } from 'vitest';
import type { OperationName } from '../../common/contract';
import { fail, ok, type Result } from '../../common/result';
import { withSignInPages } from './sign-in-pages';

describe('sign-in pages opened by the main process', () => {
  const started = { flow: 'slack-1', url: 'https://slack.com/oauth/v2/authorize?client_id=c&state=s', timeoutSeconds: 300 };

  it('opens the authorization URL once connection.oauth.begin succeeds, and passes every answer through', async () => {
    const opened: string[] = [];
    const answers: Partial<Record<OperationName, Result<unknown>>> = {
      'connection.oauth.begin': ok(started),
      'connections.list': ok([]),
    };
    const invoke = withSignInPages(
      (name) => Promise.resolve((answers[name] ?? fail('internal', 'none')) as Result<never>),
      (url) => opened.push(url),
    );
    expect(await invoke('connection.oauth.begin', { provider: 'slack' })).toEqual(ok(started));
    expect(opened).toEqual([started.url]);
    expect(await invoke('connections.list', {})).toEqual(ok([]));
    expect(opened).toHaveLength(1);
  });

  it('opens nothing when the core refuses the sign-in', async () => {
    const opened: string[] = [];
    const invoke = withSignInPages(
      () => Promise.resolve(fail('policy_locked', 'Slack connections are not allowed')),
      (url) => opened.push(url),
    );
    expect(await invoke('connection.oauth.begin', { provider: 'slack' })).toMatchObject({ ok: false });
    expect(opened).toEqual([]);
  });
});
