export type ConnectionProvider = 'jira' | 'jira-dc';

export type EndpointDecision =
  { readonly ok: true; readonly baseUrl: string; readonly site: string } | { readonly ok: false; readonly message: string };

/**
 * Where a provider may be reached: https only (http on loopback only when CLOCKHAND_ALLOW_HTTP_LOOPBACK=1), cloud
 * providers on their known hosts unless CLOCKHAND_ENDPOINTS points them elsewhere. Never decided by the renderer.
 */
export interface EndpointRules {
  /** `site` is what the user named (shown to them); `baseUrl` is where requests go. */
  resolve(provider: ConnectionProvider, requested: string): EndpointDecision;
}
