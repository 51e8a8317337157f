import { policyFields } from '../../../common/policy-schema';
import { DomainError } from '../errors';
import type { ConnectionProvider } from '../ports/endpoint-rules';
import type { PolicyService } from '../policy/policy-service';
import type { SettingKey } from '../policy/setting-keys';
import type { ConnectionPolicy, OAuthClient } from './connection-policy';

const NAMES: Record<ConnectionProvider, string> = {
  jira: 'Jira',
  'jira-dc': 'Jira Data Center',
  tempo: 'Tempo',
  asana: 'Asana',
  slack: 'Slack',
  teams: 'Microsoft Teams',
};

/** The connection rules of the effective settings (admin policy > user > default), read at each call. */
export function connectionPolicyOf(policy: PolicyService): ConnectionPolicy {
  const origin = (key: SettingKey): string => {
    const entry = policy.entry(key);
    const source = policy.sourceStatus().find((status) => status.scope === entry.origin);
    return source ? `${entry.origin} policy ${source.location}` : entry.origin === 'user' ? 'your own settings' : 'the defaults';
  };
  const list = (key: SettingKey): string[] | null => {
    const value = policy.get(key);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  };
  const refusal = (provider: ConnectionProvider): string | null => {
    const allowed = list('integrations.allowed') ?? [];
    if (allowed.includes(provider === 'jira-dc' ? 'jira' : provider)) return null;
    const what = allowed.length === 0 ? 'no integrations' : `only ${allowed.join(', ')}`;
    return `${NAMES[provider]} connections are not allowed: integrations.allowed permits ${what} (${origin('integrations.allowed')})`;
  };
  return {
    refusal,
    requireAllowed: (provider) => {
      const reason = refusal(provider);
      if (reason !== null) throw new DomainError('policy_locked', reason);
    },
    requireJiraSite: (site) => {
      const sites = list('integrations.jira.sites') ?? [];
      if (sites.length === 0) return;
      const normalize = (url: string): string => url.toLowerCase().replace(/\/+$/, '');
      if (!sites.map(normalize).includes(normalize(site))) {
        throw new DomainError(
          'policy_locked',
          `the Jira site ${site} is not allowed: integrations.jira.sites lists ${sites.join(', ')} (${origin('integrations.jira.sites')})`,
        );
      }
    },
    requireSlackWorkspace: (teamId, teamName) => {
      const workspaces = list('integrations.slack.workspaces') ?? [];
      if (workspaces.length === 0) return;
      if (workspaces.includes(teamId) || (teamName !== null && workspaces.includes(teamName))) return;
      throw new DomainError(
        'policy_locked',
        `the Slack workspace ${teamName ?? teamId} (${teamId}) is not allowed: integrations.slack.workspaces lists ${workspaces.join(', ')} (${origin('integrations.slack.workspaces')}); nothing was stored`,
      );
    },
    oauthClient: (provider): OAuthClient | null => {
      const parsed = policyFields.jira.oauth.safeParse(policy.get(`integrations.${provider}.oauth`));
      return parsed.success ? parsed.data : null;
    },
    teamsTenant: () => {
      const value = policy.get('integrations.teams.tenant');
      return typeof value === 'string' ? value : null;
    },
  };
}
