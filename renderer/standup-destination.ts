import type { ConnectionDto, PolicyView } from '../common/dto';
import { providerName } from './provider-name';

export interface StandupDestination {
  readonly provider: 'slack' | 'teams' | null;
  /** "channel C0123ABCD", "team … channel …", "a Workflows webhook"; null when not set. */
  readonly where: string | null;
  /** The destination is set by the organization's policy. */
  readonly managed: boolean;
  /** Why a post cannot go out now, in words; null when nothing stands in the way that the window can see. */
  readonly problem: string | null;
  /** The problem is the organization's policy (shown as managed). */
  readonly problemManaged: boolean;
  /** Where the person can fix the problem themselves. */
  readonly fixIn: 'settings' | 'integrations' | null;
}

function valueOf(policy: PolicyView | null, key: string): { value: unknown; locked: boolean } | null {
  const setting = policy?.settings.find((s) => s.key === key);
  return setting === undefined ? null : { value: setting.value, locked: setting.locked };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Where standups go (the standup.* settings), whether the organization allows that service, and whether it is connected. */
export function standupDestination(policy: PolicyView | null, connections: readonly ConnectionDto[]): StandupDestination {
  const setting = valueOf(policy, 'standup.destination');
  const provider = setting?.value === 'slack' || setting?.value === 'teams' ? setting.value : null;
  const managed = setting?.locked ?? false;
  if (provider === null) {
    return {
      provider,
      where: null,
      managed,
      problem: 'No destination yet: choose Slack or Teams in Settings (standup.destination).',
      problemManaged: managed,
      fixIn: managed ? null : 'settings',
    };
  }
  const allowedSetting = valueOf(policy, 'integrations.allowed');
  const allowedList = Array.isArray(allowedSetting?.value) ? (allowedSetting.value as unknown[]) : null;
  const connection = connections.find((c) => c.provider === provider);
  let where: string | null;
  if (provider === 'slack') {
    const channel = text(valueOf(policy, 'standup.slackChannel')?.value);
    where = channel === null ? null : `channel ${channel}`;
  } else if (connection?.auth === 'webhook') {
    where = 'a Workflows webhook';
  } else {
    // Graph needs both, as the core's StandupService.destination() does.
    const team = text(valueOf(policy, 'standup.teamsTeamId')?.value);
    const channel = text(valueOf(policy, 'standup.teamsChannelId')?.value);
    where = team === null || channel === null ? null : `team ${team}, channel ${channel}`;
  }
  if (allowedList !== null && !allowedList.includes(provider)) {
    return {
      provider,
      where,
      managed,
      problem: `Your organization does not allow ${providerName(provider)}.`,
      problemManaged: true,
      fixIn: null,
    };
  }
  if (connection === undefined) {
    return {
      provider,
      where,
      managed,
      problem: `No ${providerName(provider)} connection: connect it in Integrations.`,
      problemManaged: false,
      fixIn: 'integrations',
    };
  }
  if (where === null) {
    const key = provider === 'slack' ? 'standup.slackChannel' : 'standup.teamsTeamId and standup.teamsChannelId';
    return { provider, where, managed, problem: `No channel yet: set ${key} in Settings.`, problemManaged: false, fixIn: 'settings' };
  }
  return { provider, where, managed, problem: null, problemManaged: false, fixIn: null };
}
