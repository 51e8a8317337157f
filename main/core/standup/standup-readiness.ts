import type { ConnectionRecord } from '../ports/connections';
import type { StandupTarget } from '../ports/standups';

export type StandupProvider = 'slack' | 'teams';

/** The standup.* settings that say where standups go. */
export interface StandupDestinationSettings {
  readonly destination: StandupProvider | null;
  /** standup.destination is set by the organization's policy. */
  readonly destinationLocked: boolean;
  readonly slackChannel: string | null;
  readonly teamsTeamId: string | null;
  readonly teamsChannelId: string | null;
}

export type StandupProblemReason = 'no_destination' | 'not_allowed' | 'no_connection' | 'needs_reconnect' | 'no_channel';

/** Why a standup cannot be posted now, or (not blocking) why a post would wait. */
export interface StandupProblem {
  readonly reason: StandupProblemReason;
  /**
   * A post is refused while this stands. Not blocking: a connection that needs signing in again; a post is queued and
   * goes out once the person reconnects (the outbox holds it), so an automatic post is not lost either.
   */
  readonly blocking: boolean;
  /** One plain sentence, as the window shows it. */
  readonly text: string;
  /** The problem is the organization's policy: the person cannot fix it here. */
  readonly managed: boolean;
  /** The window's view where the person can fix it; null when they cannot. */
  readonly fixIn: 'settings' | 'integrations' | null;
  /** More for the command line: the policy's own words, or the command that fixes it; null when there is none. */
  readonly detail: string | null;
}

interface ReadinessBase {
  readonly provider: StandupProvider | null;
  /** "channel C0123ABCD", "team …, channel …", "a Workflows webhook"; null when not set. */
  readonly where: string | null;
  /** standup.destination is set by the organization's policy. */
  readonly managed: boolean;
}

/** Where today's standup would go, and either what it goes through (and why it may wait) or why it cannot go. */
export type StandupReadiness =
  | (ReadinessBase & {
      readonly ready: true;
      /** null, or a problem that does not block: the post is queued and waits for it to be fixed. */
      readonly problem: StandupProblem | null;
      readonly provider: StandupProvider;
      readonly connection: ConnectionRecord;
      readonly target: StandupTarget;
    })
  | (ReadinessBase & { readonly ready: false; readonly problem: StandupProblem });

export interface StandupReadinessInput {
  readonly settings: StandupDestinationSettings;
  /** Why the organization's policy (integrations.allowed) does not let the provider be used, or null. */
  readonly refusal: (provider: StandupProvider) => string | null;
  /** Every connection, as the connection service lists them. */
  readonly connections: readonly ConnectionRecord[];
}

const NAME: Readonly<Record<StandupProvider, string>> = { slack: 'Slack', teams: 'Microsoft Teams' };

/** The provider's connection to post through: a working one first, then the oldest. */
function connectionFor(provider: StandupProvider, connections: readonly ConnectionRecord[]): ConnectionRecord | null {
  return (
    connections
      .filter((record) => record.provider === provider)
      .sort((a, b) => Number(b.state === 'ok') - Number(a.state === 'ok') || a.id - b.id)[0] ?? null
  );
}

/** The target the settings name for the provider (a Teams webhook connection needs no channel), or null. */
function targetFor(
  provider: StandupProvider,
  settings: StandupDestinationSettings,
  connection: ConnectionRecord | null,
): StandupTarget | null {
  if (provider === 'slack') return settings.slackChannel === null ? null : { kind: 'slack', channel: settings.slackChannel };
  if (connection?.auth === 'webhook') return { kind: 'teams-webhook' };
  // Graph needs both: a channel id alone names no channel.
  if (settings.teamsTeamId === null || settings.teamsChannelId === null) return null;
  return { kind: 'teams-graph', teamId: settings.teamsTeamId, channelId: settings.teamsChannelId };
}

function whereOf(target: StandupTarget | null): string | null {
  if (target === null) return null;
  switch (target.kind) {
    case 'slack':
      return `channel ${target.channel}`;
    case 'teams-graph':
      return `team ${target.teamId}, channel ${target.channelId}`;
    case 'teams-webhook':
      return 'a Workflows webhook';
  }
}

/** A key the policy locks always has a value: a missing channel is the person's to set. */
function noChannel(provider: StandupProvider): StandupProblem {
  const keys = provider === 'slack' ? 'standup.slackChannel' : 'standup.teamsTeamId and standup.teamsChannelId';
  const command =
    provider === 'slack'
      ? 'clockhand settings set standup.slackChannel C0123ABCD'
      : 'clockhand settings set standup.teamsTeamId <team id> and standup.teamsChannelId <channel id> (or connect a Workflows webhook: clockhand connect teams --webhook)';
  return {
    reason: 'no_channel',
    blocking: true,
    text: `No channel yet: set ${keys} in Settings.`,
    managed: false,
    fixIn: 'settings',
    detail: `From the command line: ${command}`,
  };
}

/**
 * Whether a standup can be posted now, and where it would go: the one rule the window shows and posting obeys.
 * Checked in this order: a destination, the organization's integrations.allowed, a connection (one that does not
 * need signing in again), and the channel.
 */
export function standupReadiness({ settings, refusal, connections }: StandupReadinessInput): StandupReadiness {
  const managed = settings.destinationLocked;
  const provider = settings.destination;
  if (provider === null) {
    return {
      provider,
      where: null,
      managed,
      ready: false,
      problem: {
        reason: 'no_destination',
        blocking: true,
        text: 'No destination yet: choose Slack or Teams in Settings (standup.destination).',
        managed,
        fixIn: managed ? null : 'settings',
        detail: managed ? null : 'From the command line: clockhand settings set standup.destination slack (or teams)',
      },
    };
  }
  const connection = connectionFor(provider, connections);
  const target = targetFor(provider, settings, connection);
  const where = whereOf(target);
  const refused = refusal(provider);
  if (refused !== null) {
    const problem: StandupProblem = {
      reason: 'not_allowed',
      blocking: true,
      text: `Your organization does not allow ${NAME[provider]}.`,
      managed: true,
      fixIn: null,
      detail: refused,
    };
    return { provider, where, managed, ready: false, problem };
  }
  if (connection === null) {
    const problem: StandupProblem = {
      reason: 'no_connection',
      blocking: true,
      text: `No ${NAME[provider]} connection: connect it in Integrations.`,
      managed: false,
      fixIn: 'integrations',
      detail: `From the command line: clockhand connect ${provider}`,
    };
    return { provider, where, managed, ready: false, problem };
  }
  if (target === null) return { provider, where, managed, ready: false, problem: noChannel(provider) };
  if (connection.state === 'needs_reauth') {
    const problem: StandupProblem = {
      reason: 'needs_reconnect',
      blocking: false,
      text: `${NAME[provider]} needs you to sign in again: reconnect it in Integrations. A standup posted now waits until you do.`,
      managed: false,
      fixIn: 'integrations',
      detail: `From the command line: clockhand connect ${provider}`,
    };
    return { provider, where, managed, ready: true, problem, connection, target };
  }
  return { provider, where, managed, ready: true, problem: null, connection, target };
}

/** The refusal a post gets: the sentence the window shows, then the detail for the command line. */
export function problemMessage(problem: StandupProblem): string {
  return problem.detail === null ? problem.text : `${problem.text} ${problem.detail}`;
}
