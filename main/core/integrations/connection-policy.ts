import type { ConnectionProvider } from '../ports/endpoint-rules';

/** An OAuth app an administrator registered (policy `integrations.<provider>.oauth`). */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly redirectPort?: number | undefined;
}

/** What the organization's policy says about connections, read live (policy changes apply at once). */
export interface ConnectionPolicy {
  /** Throws DomainError('policy_locked') naming the policy when `integrations.allowed` leaves the provider out. */
  requireAllowed(provider: ConnectionProvider): void;
  /** Why an existing connection may not be used any more (the policy changed), or null. */
  refusal(provider: ConnectionProvider): string | null;
  /** Throws when `integrations.jira.sites` is set and does not list the site. */
  requireJiraSite(site: string): void;
  /** Throws when `integrations.slack.workspaces` is set and lists neither the team id nor its name. */
  requireSlackWorkspace(teamId: string, teamName: string | null): void;
  /** `integrations.<provider>.oauth`, or null. */
  oauthClient(provider: 'jira' | 'asana' | 'slack' | 'teams'): OAuthClient | null;
  /** `integrations.teams.tenant`, or null (then: organizations). */
  teamsTenant(): string | null;
}

/** No policy (tests of the service alone). */
export const allowAll: ConnectionPolicy = {
  requireAllowed: () => undefined,
  refusal: () => null,
  requireJiraSite: () => undefined,
  requireSlackWorkspace: () => undefined,
  oauthClient: () => null,
  teamsTenant: () => null,
};
