import type { ConnectionDto } from '../common/dto';
import type { TaskProvider } from '../common/task-ref';

/** Every service (a connection's) and task provider the window names. */
export type ProviderKey = ConnectionDto['provider'] | TaskProvider;

const FULL: Readonly<Record<ProviderKey, string>> = {
  jira: 'Jira Cloud',
  'jira-dc': 'Jira Data Center',
  tempo: 'Tempo',
  asana: 'Asana',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  local: 'Local tasks',
};

/** Where space is short (badges, report groups): "Jira" covers a task key of either Jira. */
const SHORT: Readonly<Partial<Record<ProviderKey, string>>> = { jira: 'Jira', 'jira-dc': 'Jira DC' };

/** A provider's display name: the full one ("Jira Cloud") for connections, the short one ("Jira") for badges. */
export function providerName(provider: ProviderKey, form: 'full' | 'short' = 'full'): string {
  return (form === 'short' ? SHORT[provider] : undefined) ?? FULL[provider];
}
