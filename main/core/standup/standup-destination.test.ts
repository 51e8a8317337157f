import { describe, expect, it } from 'vitest';
import type { StandupDestinationDto } from '../../../common/dto';
import { coreHarness, must, type CoreHarness } from '../../../test/fakes/core-harness';

const nineAm = new Date(2026, 10, 24, 9, 0).getTime();
const TEAM_ID = '0f5c1a8e-2b7d-4c1e-9a3f-6d2e8b7c5a41';
const CHANNEL_ID = '19:standups@thread.tacv2';

function set(h: CoreHarness, key: string, value: unknown): void {
  must(h.core.invoke('settings.set', { key, value }));
}

function destination(h: CoreHarness): StandupDestinationDto {
  return must(h.core.invoke('standup.destination', {}));
}

/** A connection as the OAuth engine (or a webhook) stores it, state ok. */
async function connect(
  h: CoreHarness,
  provider: 'slack' | 'teams',
  auth: 'oauth' | 'webhook' = 'oauth',
  account = `${provider}-${auth}-ada`,
): Promise<number> {
  const where =
    provider === 'slack'
      ? { provider, auth, site: 'https://acme.slack.com', baseUrl: 'https://slack.com/api' }
      : auth === 'webhook'
        ? { provider, auth, site: 'https://prod-1.westeurope.logic.azure.com', baseUrl: 'https://prod-1.westeurope.logic.azure.com' }
        : { provider, auth, site: 'https://graph.microsoft.com', baseUrl: 'https://graph.microsoft.com/v1.0' };
  const record = await h.core.connections.store(where, { accountId: account, accountName: 'Ada', login: null }, 'secret');
  return record.id;
}

/** What standup.post answers now: it must refuse with the problem standup.destination shows (and queue nothing). */
function expectPostRefusedAs(h: CoreHarness, shown: StandupDestinationDto): void {
  const problem = shown.problem;
  if (problem === null) throw new Error('expected a problem');
  const refused = h.core.invoke('standup.post', {});
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe(problem.reason === 'not_allowed' ? 'policy_locked' : 'invalid_input');
  expect(refused.error.message).toBe(problem.detail === null ? problem.text : `${problem.text} ${problem.detail}`);
  expect(must(h.core.invoke('standup.preview', {})).state).toBe('draft');
}

describe('standup.destination: the core decides where a standup goes and whether it can be posted', () => {
  it('no destination yet: the person chooses one in Settings, and post refuses with the same words', () => {
    const h = coreHarness(nineAm);
    const shown = destination(h);
    expect(shown).toEqual({
      provider: null,
      where: null,
      managed: false,
      problem: {
        reason: 'no_destination',
        blocking: true,
        text: 'No destination yet: choose Slack or Teams in Settings (standup.destination).',
        managed: false,
        fixIn: 'settings',
        detail: 'From the command line: clockhand settings set standup.destination slack (or teams)',
      },
    });
    expectPostRefusedAs(h, shown);
  });

  it('a destination the organization locks shows as managed; a provider integrations.allowed leaves out cannot be fixed here', async () => {
    const h = coreHarness(nineAm);
    await connect(h, 'slack');
    h.policy.machine.set({
      version: 1,
      standup: { destination: 'slack', slackChannel: 'C0STANDUP' },
      integrations: { allowed: ['jira', 'teams'] },
    });
    h.core.tracker.policy.refresh();
    const shown = destination(h);
    expect(shown).toMatchObject({ provider: 'slack', where: 'channel C0STANDUP', managed: true });
    expect(shown.problem).toMatchObject({
      reason: 'not_allowed',
      blocking: true,
      text: 'Your organization does not allow Slack.',
      managed: true,
      fixIn: null,
    });
    expect(shown.problem?.detail).toBe(
      'Slack connections are not allowed: integrations.allowed permits only jira, teams (machine policy /etc/clockhand/policies.json)',
    );
    expectPostRefusedAs(h, shown);
  });

  it('no connection for the destination: Integrations, or clockhand connect', () => {
    const h = coreHarness(nineAm);
    set(h, 'standup.destination', 'teams');
    set(h, 'standup.teamsTeamId', TEAM_ID);
    set(h, 'standup.teamsChannelId', CHANNEL_ID);
    const shown = destination(h);
    expect(shown).toEqual({
      provider: 'teams',
      where: `team ${TEAM_ID}, channel ${CHANNEL_ID}`,
      managed: false,
      problem: {
        reason: 'no_connection',
        blocking: true,
        text: 'No Microsoft Teams connection: connect it in Integrations.',
        managed: false,
        fixIn: 'integrations',
        detail: 'From the command line: clockhand connect teams',
      },
    });
    expectPostRefusedAs(h, shown);
  });

  it('a connection that needs signing in again does not block: the post is queued and waits, the window is told why', async () => {
    const h = coreHarness(nineAm);
    set(h, 'standup.destination', 'slack');
    set(h, 'standup.slackChannel', 'C0STANDUP');
    const id = await connect(h, 'slack');
    h.core.connections.markNeedsReauth(id, 'Slack revoked the token');
    expect(destination(h).problem).toEqual({
      reason: 'needs_reconnect',
      blocking: false,
      text: 'Slack needs you to sign in again: reconnect it in Integrations. A standup posted now waits until you do.',
      managed: false,
      fixIn: 'integrations',
      detail: 'From the command line: clockhand connect slack',
    });
    // Queued through that connection: the outbox holds it until the person signs in again (nothing is lost).
    const queued = must(h.core.invoke('standup.post', {}));
    expect(queued).toMatchObject({ state: 'pending', connectionId: id, destination: 'slack C0STANDUP' });
    // Signing in again renews the same connection: nothing stands in the way.
    await connect(h, 'slack');
    expect(destination(h).problem).toBeNull();
  });

  it('with two connections the working one is used, even when the older one needs signing in again', async () => {
    const h = coreHarness(nineAm);
    set(h, 'standup.destination', 'slack');
    set(h, 'standup.slackChannel', 'C0STANDUP');
    const id = await connect(h, 'slack');
    h.core.connections.markNeedsReauth(id, 'Slack revoked the token');
    const second = await connect(h, 'slack', 'oauth', 'U-second');
    expect(second).not.toBe(id);
    expect(destination(h).problem).toBeNull();
    expect(must(h.core.invoke('standup.post', {})).connectionId).toBe(second);
  });

  it('Teams through Graph needs the team id and the channel id; the channel alone is not enough', async () => {
    const h = coreHarness(nineAm);
    await connect(h, 'teams');
    set(h, 'standup.destination', 'teams');
    set(h, 'standup.teamsChannelId', CHANNEL_ID);
    const shown = destination(h);
    expect(shown).toMatchObject({ provider: 'teams', where: null, managed: false });
    expect(shown.problem).toMatchObject({
      reason: 'no_channel',
      blocking: true,
      text: 'No channel yet: set standup.teamsTeamId and standup.teamsChannelId in Settings.',
      managed: false,
      fixIn: 'settings',
    });
    expectPostRefusedAs(h, shown);
    set(h, 'standup.teamsTeamId', TEAM_ID);
    expect(destination(h)).toEqual({ provider: 'teams', where: `team ${TEAM_ID}, channel ${CHANNEL_ID}`, managed: false, problem: null });
    const queued = must(h.core.invoke('standup.post', {}));
    expect(queued.destination).toBe(`teams ${TEAM_ID} ${CHANNEL_ID}`);
  });

  it('Teams through a Workflows webhook needs no channel', async () => {
    const h = coreHarness(nineAm);
    await connect(h, 'teams', 'webhook');
    set(h, 'standup.destination', 'teams');
    expect(destination(h)).toEqual({ provider: 'teams', where: 'a Workflows webhook', managed: false, problem: null });
    expect(must(h.core.invoke('standup.post', {})).destination).toBe('teams webhook');
  });

  it('Slack without a channel: Settings, or clockhand settings set', async () => {
    const h = coreHarness(nineAm);
    await connect(h, 'slack');
    set(h, 'standup.destination', 'slack');
    const shown = destination(h);
    expect(shown.problem).toEqual({
      reason: 'no_channel',
      blocking: true,
      text: 'No channel yet: set standup.slackChannel in Settings.',
      managed: false,
      fixIn: 'settings',
      detail: 'From the command line: clockhand settings set standup.slackChannel C0123ABCD',
    });
    expectPostRefusedAs(h, shown);
  });

  it('Slack with a connection and a channel: no problem, and post queues it to that channel', async () => {
    const h = coreHarness(nineAm);
    await connect(h, 'slack');
    set(h, 'standup.destination', 'slack');
    set(h, 'standup.slackChannel', 'C0STANDUP');
    expect(destination(h)).toEqual({ provider: 'slack', where: 'channel C0STANDUP', managed: false, problem: null });
    const queued = must(h.core.invoke('standup.post', {}));
    expect(queued.destination).toBe('slack C0STANDUP');
    expect(queued.state).not.toBe('draft');
  });
});
