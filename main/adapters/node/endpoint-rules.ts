import { z } from 'zod';
import { DomainError } from '../../core/errors';
import type { ConnectionProvider, EndpointDecision, EndpointRules, WebhookDecision } from '../../core/ports/endpoint-rules';
import type { Logger } from '../../core/ports/logger';

const endpointsSchema = z.record(z.string(), z.string().max(2048));
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Hosts of Teams Workflows (Power Automate) webhooks (integrations.md 5.1). */
const WEBHOOK_HOST_SUFFIXES = ['.logic.azure.com', '.environment.api.powerplatform.com'];
const WEBHOOK_HOSTS = new Set(['api.powerautomate.com', 'flow.microsoft.com']);

/** Reads CLOCKHAND_ENDPOINTS (JSON: provider -> base URL) and CLOCKHAND_ALLOW_HTTP_LOOPBACK once, at start. */
export function createEndpointRules(env: NodeJS.ProcessEnv, logger: Logger): EndpointRules {
  const allowHttpLoopback = env.CLOCKHAND_ALLOW_HTTP_LOOPBACK === '1';
  if (allowHttpLoopback) logger.warn('CLOCKHAND_ALLOW_HTTP_LOOPBACK=1: plain http is allowed to 127.0.0.1 and localhost', {});
  const overrides = parseOverrides(env.CLOCKHAND_ENDPOINTS, logger);

  const checkUrl = (text: string, what: string): URL | string => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return `${what} "${text.slice(0, 100)}" is not a URL`;
    }
    if (url.username !== '' || url.password !== '') return `${what} must not contain a user name or password`;
    if (url.protocol === 'https:') return url;
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
      return allowHttpLoopback ? url : `${what} must use https (http is allowed only on loopback with CLOCKHAND_ALLOW_HTTP_LOOPBACK=1)`;
    }
    return `${what} must use https, not ${url.protocol.replace(':', '')}`;
  };

  return {
    known: (provider: ConnectionProvider, known: string): string => {
      const override = overrides.get(provider);
      const base = new URL(known);
      if (override === undefined) return known.replace(/\/+$/, '');
      const target = checkUrl(override, `CLOCKHAND_ENDPOINTS.${provider}`);
      if (typeof target === 'string') throw new DomainError('unavailable', target);
      return `${target.origin}${target.pathname.replace(/\/+$/, '')}${base.pathname.replace(/\/+$/, '')}`;
    },
    webhook: (requested: string): WebhookDecision => {
      const checked = checkUrl(requested, 'the Teams webhook URL');
      if (typeof checked === 'string') return { ok: false, message: checked };
      const host = checked.hostname.toLowerCase();
      if (checked.protocol !== 'https:' || !(WEBHOOK_HOSTS.has(host) || WEBHOOK_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)))) {
        return {
          ok: false,
          message:
            'a Teams Workflows webhook URL is https on *.logic.azure.com, *.environment.api.powerplatform.com, api.powerautomate.com or flow.microsoft.com (Office 365 connector webhooks are retired)',
        };
      }
      if (checked.hash !== '') return { ok: false, message: 'the Teams webhook URL must not contain a #fragment' };
      const override = overrides.get('teams');
      let baseUrl = checked.origin;
      if (override !== undefined) {
        const target = checkUrl(override, 'CLOCKHAND_ENDPOINTS.teams');
        if (typeof target === 'string') return { ok: false, message: target };
        baseUrl = target.origin;
      }
      return { ok: true, site: checked.origin, baseUrl, url: checked.href };
    },
    resolve: (provider: 'jira' | 'jira-dc', requested: string): EndpointDecision => {
      const checked = checkUrl(requested, provider === 'jira' ? 'the Jira site' : 'the Jira Data Center URL');
      if (typeof checked === 'string') return { ok: false, message: checked };
      const site = `${checked.origin}${provider === 'jira-dc' ? checked.pathname.replace(/\/+$/, '') : ''}`;
      const override = overrides.get(provider);
      if (override !== undefined) {
        const target = checkUrl(override, `CLOCKHAND_ENDPOINTS.${provider}`);
        if (typeof target === 'string') return { ok: false, message: target };
        return { ok: true, site, baseUrl: `${target.origin}${target.pathname.replace(/\/+$/, '')}` };
      }
      if (provider === 'jira' && (checked.protocol !== 'https:' || !checked.hostname.endsWith('.atlassian.net'))) {
        return {
          ok: false,
          message: `a Jira Cloud site is https://<name>.atlassian.net, not ${checked.origin} (use jira-dc for Data Center)`,
        };
      }
      return { ok: true, site, baseUrl: site };
    },
  };
}

function parseOverrides(text: string | undefined, logger: Logger): Map<string, string> {
  if (text === undefined || text.trim() === '') return new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    logger.error('CLOCKHAND_ENDPOINTS is not JSON; ignoring it', {});
    return new Map();
  }
  const parsed = endpointsSchema.safeParse(json);
  if (!parsed.success) {
    logger.error('CLOCKHAND_ENDPOINTS must be a JSON object of provider -> base URL; ignoring it', {});
    return new Map();
  }
  for (const [provider, url] of Object.entries(parsed.data)) logger.warn('endpoint override from CLOCKHAND_ENDPOINTS', { provider, url });
  return new Map(Object.entries(parsed.data));
}
