export type ConnectionProvider = 'jira' | 'jira-dc' | 'tempo' | 'asana' | 'slack' | 'teams';

export type ConnectionAuth = 'api-token' | 'pat' | 'oauth' | 'webhook';

export type EndpointDecision =
  { readonly ok: true; readonly baseUrl: string; readonly site: string } | { readonly ok: false; readonly message: string };

/** A checked Teams Workflows webhook: `url` is the normalized URL the user gave (a secret: it carries its signature). */
export type WebhookDecision =
  | { readonly ok: true; readonly site: string; readonly baseUrl: string; readonly url: string }
  | { readonly ok: false; readonly message: string };

/**
 * Where a provider may be reached: https only (http on loopback only when CLOCKHAND_ALLOW_HTTP_LOOPBACK=1), cloud
 * providers on their known hosts unless CLOCKHAND_ENDPOINTS points them elsewhere. Never decided by the renderer.
 */
export interface EndpointRules {
  /** A site the user named (Jira Cloud, Jira Data Center). `site` is shown to them; `baseUrl` is where requests go. */
  resolve(provider: 'jira' | 'jira-dc', requested: string): EndpointDecision;
  /**
   * A vendor's fixed base URL (`https://slack.com/api`), or the same path on the origin CLOCKHAND_ENDPOINTS gives
   * for that provider (tests, proxies). `known` is a constant of the code, never user input.
   */
  known(provider: ConnectionProvider, known: string): string;
  /** A Teams Workflows webhook URL: https, on the Microsoft hosts Workflows uses. */
  webhook(requested: string): WebhookDecision;
}
