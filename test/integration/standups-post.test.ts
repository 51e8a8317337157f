import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StandupDto } from '../../common/dto';
import { startFakeMicrosoft, type FakeMicrosoft } from '../fakes/fake-microsoft-server';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack-server';
import { startStandupRig, type StandupRig } from '../harness/standup-rig';
import { must } from '../fakes/core-harness';

const APPS = { slack: { oauth: { clientId: 'slack-client' } }, teams: { oauth: { clientId: 'ms-client' } } };
const TEAM_ID = '0f5c1a8e-2b7d-4c1e-9a3f-6d2e8b7c5a41';
const CHANNEL_ID = '19:standups@thread.tacv2';
const EVIL_NOTE = 'Fix <!channel> & <https://evil.example|this>';

/** Local YYYY-MM-DDTHH:MM of yesterday at `hour`. */
function yesterdayAt(hour: number, minute = 0): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:${pad(minute)}`;
}

describe('standups posted through the outbox to fake Slack and Teams over loopback (real keychain, SQLite file)', () => {
  let slack: FakeSlack;
  let microsoft: FakeMicrosoft;
  let rig: StandupRig;

  const set = (key: string, v: unknown): void => {
    must(rig.core.invoke('settings.set', { key, value: v }));
  };
  const preview = (): StandupDto => must(rig.core.invoke('standup.preview', {}));
  /** Waits until the standup reaches one of `states` (fails after 15 s with the last state). */
  const settled = async (states: StandupDto['state'][], timeoutMs = 15_000): Promise<StandupDto> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = preview();
      if (states.includes(current.state)) return current;
      if (Date.now() > deadline) throw new Error(`standup stayed ${current.state}: ${current.lastError ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const slackCalls = (method: string): FakeSlack['requests'] => slack.requests.filter((r) => r.path === `/api/${method}`);

  beforeEach(async () => {
    slack = await startFakeSlack('slack-client');
    microsoft = await startFakeMicrosoft('ms-client');
    rig = startStandupRig({ slack: slack.baseUrl, teams: microsoft.baseUrl }, APPS);
    set('standup.weekdays', [1, 2, 3, 4, 5, 6, 7]);
    must(rig.core.invoke('entry.add', { taskRef: 'jira:ABC-1', start: yesterdayAt(9), end: yesterdayAt(10, 30), note: EVIL_NOTE }));
    must(rig.core.invoke('entry.add', { taskRef: 'local:<b>review</b>', start: yesterdayAt(13), end: yesterdayAt(13, 45) }));
  });
  afterEach(async () => {
    await rig.close();
    await Promise.all([slack.close(), microsoft.close()]);
  });

  const toSlack = async (channel = 'C0STANDUP'): Promise<void> => {
    await rig.signIn('slack');
    set('standup.destination', 'slack');
    set('standup.slackChannel', channel);
  };

  it('Slack: chat.postMessage (JSON) with our id in message metadata, then chat.update for an edit; one message', async () => {
    await toSlack();
    expect(preview().yesterday).toEqual([
      { taskRef: 'jira:ABC-1', title: null, minutes: 90 },
      { taskRef: 'local:<b>review</b>', title: null, minutes: 45 },
    ]);
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted).toMatchObject({ state: 'posted', destination: 'slack C0STANDUP', postedRevision: posted.revision });
    expect(slack.chat.messages).toHaveLength(1);
    const message = slack.chat.messages[0];
    expect(message?.ts).toBe(posted.remoteId);
    expect(message?.metadata?.event_type).toBe('clockhand_standup');
    expect(String(message?.metadata?.event_payload.id)).toMatch(/^[0-9a-f]{32}-standup-1$/);
    expect(JSON.stringify(message?.blocks)).toContain('ABC-1 (1h 30m)');
    expect(JSON.stringify(message?.blocks)).toContain('&lt;b&gt;review&lt;/b&gt; (45m)');
    expect(JSON.stringify(message?.blocks)).not.toContain('local:');
    expect(slackCalls('chat.postMessage')[0]?.contentType).toBe('application/json; charset=utf-8');

    const edited = must(rig.core.invoke('standup.edit', { blockers: 'Waiting on <@U123> & the API key' }));
    expect(edited.state).toBe('pending');
    const updated = await settled(['posted', 'needs_attention']);
    expect(updated).toMatchObject({ state: 'posted', postedRevision: edited.revision });
    expect(slack.chat.messages).toHaveLength(1);
    expect(slack.chat.messages[0]?.edits).toBe(1);
    expect(JSON.stringify(slack.chat.messages[0]?.blocks)).toContain('Waiting on &lt;@U123&gt; &amp; the API key');
    expect(slackCalls('chat.postMessage')).toHaveLength(1);
    expect(slack.chat.violations).toEqual([]);
    expect(must(rig.core.invoke('standup.history', {})).map((s) => [s.state, s.postedRevision])).toEqual([['posted', edited.revision]]);

    // Someone deleted the message in Slack: the next edit cannot update it, and says so; posting again makes a new one.
    slack.chat.messages.splice(0, 1);
    must(rig.core.invoke('standup.edit', { today: 'Demo' }));
    const gone = await settled(['needs_attention', 'posted']);
    expect(gone).toMatchObject({ state: 'needs_attention', postedRevision: 0, remoteId: null });
    expect(gone.lastError).toMatch(/gone from the channel .*message_not_found/);
    must(rig.core.invoke('standup.post', {}));
    const again = await settled(['posted', 'needs_attention']);
    expect(again.state).toBe('posted');
    expect(slack.chat.messages).toHaveLength(1);
    expect(again.remoteId).toBe(slack.chat.messages[0]?.ts);
    expect(JSON.stringify(slack.chat.messages[0]?.blocks)).toContain('Demo');
  });

  it('exactly once under a lost response: Slack applies the post, the answer is lost, conversations.history finds it', async () => {
    await toSlack();
    slack.chat.faults.push({ kind: 'lose-response' });
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted.state).toBe('posted');
    expect(slack.chat.messages).toHaveLength(1);
    expect(posted.remoteId).toBe(slack.chat.messages[0]?.ts);
    expect(slackCalls('chat.postMessage')).toHaveLength(1);
    const history = slackCalls('conversations.history');
    expect(history).toHaveLength(1);
    expect(history[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(history[0]?.body).get('include_all_metadata')).toBe('true');
    expect(rig.logs.some((line) => line.includes('adopted a standup'))).toBe(true);
    expect(slack.chat.violations).toEqual([]);
  });

  it('a service the organization no longer allows is refused at post time, naming the policy; nothing is queued', async () => {
    await toSlack();
    rig.policy.set({ version: 1, integrations: { ...APPS, allowed: ['jira', 'teams'] } });
    rig.core.tracker.policy.refresh();
    const refused = rig.core.invoke('standup.post', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'policy_locked' } });
    if (!refused.ok)
      expect(refused.error.message).toMatch(/Slack connections are not allowed: integrations\.allowed permits only jira, teams/);
    expect(preview().state).toBe('draft');
    expect(slackCalls('chat.postMessage')).toHaveLength(0);
  });

  it('Slack HTTP 200 {ok:false} is an error: channel_not_found waits for the user, nothing is posted', async () => {
    await toSlack('C0MISSING');
    must(rig.core.invoke('standup.post', {}));
    const refused = await settled(['needs_attention', 'posted']);
    expect(refused.state).toBe('needs_attention');
    expect(refused.lastError).toBe('Slack refused the standup: channel_not_found');
    expect(slack.chat.messages).toHaveLength(0);
    expect(slackCalls('chat.postMessage')).toHaveLength(1);
  });

  it('Slack 429 with Retry-After: the next attempt waits that long, then posts once', async () => {
    await toSlack();
    slack.chat.faults.push({ kind: 'ratelimited', retryAfterSeconds: 2 });
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted.state).toBe('posted');
    const calls = slackCalls('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(slack.chat.messages).toHaveLength(1);
    // The throttled answer said 2 s: the second attempt came no sooner.
    expect((calls[1]?.receivedAt ?? 0) - (calls[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1_950);
    const waits = rig.logs.filter((line) => line.includes('standup not posted yet'));
    expect(waits).toHaveLength(1);
    expect(waits[0]).toContain('ratelimited');
  });

  it('Slack token rotation: an expired access token is refreshed once (the new pair stored), then the post goes out', async () => {
    await toSlack();
    slack.oauth.expireAccessTokens();
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention', 'needs_reauth']);
    expect(posted.state).toBe('posted');
    const refreshes = slack.requests.filter((r) => r.path === '/api/oauth.v2.access' && r.body.includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(1);
    const posts = slackCalls('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(rig.logs.some((line) => line.includes('standup not posted yet') && line.includes('signed in again'))).toBe(true);
    expect(posts[0]?.authorization).not.toBe(posts[1]?.authorization);
    expect(slack.chat.messages).toHaveLength(1);
  });

  it('Teams through Graph: the request matches the official Graph spec, 429 + Retry-After is honoured, 201 gives the id', async () => {
    await rig.signIn('teams');
    set('standup.destination', 'teams');
    set('standup.teamsTeamId', TEAM_ID);
    set('standup.teamsChannelId', CHANNEL_ID);
    microsoft.teams.faults.push({ kind: 'throttled', retryAfterSeconds: 1 });
    must(rig.core.invoke('standup.edit', { blockers: '<script>alert(1)</script>' }));
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted.state).toBe('posted');
    const graphPosts = microsoft.requests.filter((r) => r.path.endsWith('/messages'));
    expect(graphPosts).toHaveLength(2);
    expect((graphPosts[1]?.receivedAt ?? 0) - (graphPosts[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(microsoft.teams.violations).toEqual([]);
    expect(microsoft.teams.posts).toHaveLength(1);
    const post = microsoft.teams.posts[0];
    expect(post?.where).toBe(`${TEAM_ID} ${CHANNEL_ID}`);
    expect(posted.remoteId).toBe(post?.id);
    const html = (post?.body as { body: { contentType: string; content: string } }).body;
    expect(html.contentType).toBe('html');
    expect(html.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.content).not.toContain('<script>');
    expect(html.content).toContain('<li>ABC-1 (1h 30m)</li>');
    // A posted Teams standup cannot be changed from Clockhand: a clear refusal, nothing sent.
    const refused = rig.core.invoke('standup.edit', { blockers: 'later' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/cannot be changed after it is posted/);
  });

  it('Teams through a Workflows webhook: an Adaptive Card, 202 Accepted; a lost answer is never posted twice', async () => {
    const url = `https://prod-42.westeurope.logic.azure.com${microsoft.teams.webhookPath}?api-version=2016-06-01&sig=${microsoft.teams.webhookSig}`;
    must(await rig.core.invokeAsync('connection.add', { provider: 'teams', webhookUrl: url }));
    set('standup.destination', 'teams');
    must(rig.core.invoke('standup.post', {}));
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted).toMatchObject({ state: 'posted', destination: 'teams webhook', remoteId: null });
    expect(microsoft.teams.violations).toEqual([]);
    expect(microsoft.teams.posts).toHaveLength(1);
    expect(JSON.stringify(microsoft.teams.posts[0]?.body)).toContain('ABC-1 (1h 30m)');
    // The webhook URL (a secret) is nowhere in the database or the log.
    expect(readFileSync(join(rig.dataDir, 'clockhand.sqlite')).includes(microsoft.teams.webhookSig)).toBe(false);
    expect(rig.logs.join('\n')).not.toContain(microsoft.teams.webhookSig);
  });

  /** A new rig whose policy turns review off (standups post themselves at 00:00), with yesterday's work and Slack set up. */
  const autoPostToSlack = async (): Promise<void> => {
    await rig.close();
    rig = startStandupRig({ slack: slack.baseUrl, teams: microsoft.baseUrl }, APPS, {
      standup: { enabled: true, at: '00:00', weekdays: [1, 2, 3, 4, 5, 6, 7], reviewBeforePost: false, destination: 'slack' },
    });
    must(rig.core.invoke('entry.add', { taskRef: 'jira:ABC-1', start: yesterdayAt(9), end: yesterdayAt(10, 30) }));
    await rig.signIn('slack');
    set('standup.slackChannel', 'C0STANDUP');
  };

  it('auto-post: when the policy turns review off, the schedule posts the standup by itself and says so', async () => {
    await autoPostToSlack();
    // The organization locked the destination: the user cannot change it.
    expect(rig.core.invoke('settings.set', { key: 'standup.destination', value: 'teams' }).ok).toBe(false);
    rig.startTicking();
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted.state).toBe('posted');
    expect(posted.offeredAt).not.toBeNull();
    expect(slack.chat.messages).toHaveLength(1);
    // (The policy change raises its own notification too.)
    expect(rig.notifier.sent.filter((n) => n.kind.startsWith('standup')).map((n) => n.title)).toEqual(['Standup posted']);
  });

  it('auto-post while Slack needs signing in again: the standup waits in the outbox and goes out after reconnecting', async () => {
    await autoPostToSlack();
    const connection = rig.core.connections.list()[0];
    if (connection === undefined) throw new Error('no Slack connection');
    rig.core.connections.markNeedsReauth(connection.id, 'Slack revoked the token');
    expect(must(rig.core.invoke('standup.destination', {})).problem).toMatchObject({ reason: 'needs_reconnect', blocking: false });
    rig.startTicking();
    const waiting = await settled(['needs_reauth', 'posted', 'needs_attention']);
    expect(waiting.state).toBe('needs_reauth');
    expect(slack.chat.messages).toHaveLength(0);
    await rig.signIn('slack');
    const posted = await settled(['posted', 'needs_attention']);
    expect(posted.state).toBe('posted');
    expect(slack.chat.messages).toHaveLength(1);
  });

  it('Teams webhook, lost answer: the card may have arrived and Teams cannot be asked, so it waits for the user', async () => {
    const url = `https://prod-42.westeurope.logic.azure.com${microsoft.teams.webhookPath}?sig=${microsoft.teams.webhookSig}`;
    must(await rig.core.invokeAsync('connection.add', { provider: 'teams', webhookUrl: url }));
    set('standup.destination', 'teams');
    microsoft.teams.faults.push({ kind: 'lose-response' });
    must(rig.core.invoke('standup.post', {}));
    const waiting = await settled(['needs_attention', 'posted']);
    expect(waiting.state).toBe('needs_attention');
    expect(waiting.lastError).toMatch(/no way to check/);
    expect(microsoft.teams.posts).toHaveLength(1);
  });
});
