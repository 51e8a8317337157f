import type { ServerResponse } from 'node:http';
import type { OpenAPIBackend } from 'openapi-backend';
import { sendJson, type FakeRequest } from './fake-http';
import { specValidator } from './spec-validator';

export interface TeamsPost {
  readonly via: 'graph' | 'webhook';
  readonly id: string;
  /** Graph: the team and channel; webhook: the flow. */
  readonly where: string;
  readonly body: unknown;
  readonly user: string | null;
}

export type TeamsFault =
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly kind: 'status'; readonly status: number }
  /** The message is posted, then the connection is cut before the answer. */
  | { readonly kind: 'lose-response' };

export interface FakeTeamsMessages {
  readonly posts: TeamsPost[];
  /** Requests that the Graph subset of the official spec (or the card checks for webhooks) rejected. */
  readonly violations: string[];
  readonly faults: TeamsFault[];
  /** The path and signature a Workflows webhook answers to (the URL given to `connect teams --webhook`). */
  readonly webhookPath: string;
  readonly webhookSig: string;
  handle(request: FakeRequest, response: ServerResponse, user: string | null): Promise<boolean>;
}

const GRAPH_POST = /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/;

function checkCard(body: unknown, violations: string[]): void {
  const card = body as {
    type?: unknown;
    attachments?: { contentType?: unknown; content?: { type?: unknown; version?: unknown; body?: { type?: unknown; text?: unknown }[] } }[];
  };
  const attachment = card.attachments?.[0];
  if (card.type !== 'message' || card.attachments?.length !== 1) violations.push('webhook: a message with one attachment');
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') violations.push('webhook: an Adaptive Card attachment');
  if (attachment?.content?.type !== 'AdaptiveCard' || typeof attachment.content.version !== 'string')
    violations.push('webhook: AdaptiveCard with a version');
  for (const element of attachment?.content?.body ?? []) {
    if (element.type !== 'TextBlock' || typeof element.text !== 'string') violations.push('webhook: plain TextBlocks only');
  }
}

/**
 * Teams posting: Graph `POST /v1.0/teams/{team}/channels/{channel}/messages` validated against the official Graph
 * subset (test/specs, relaxed: see integrations.md 7), answering 201 with a chatMessage, 429 + Retry-After on a
 * fault; and a Workflows webhook that answers 202 Accepted with no body.
 */
export async function fakeTeamsMessages(): Promise<FakeTeamsMessages> {
  const api: OpenAPIBackend = await specValidator('msgraph-v1.0-teams-messages.pruned-relaxed.json');
  const posts: TeamsPost[] = [];
  const violations: string[] = [];
  const faults: TeamsFault[] = [];
  const webhookPath = '/workflows/3f2a/triggers/manual/paths/invoke';
  const webhookSig = 'SiGnAtUrE-standup-webhook';
  let next = 1;

  const fault = (response: ServerResponse, post: () => void): boolean => {
    const planned = faults.shift();
    if (planned === undefined) return false;
    switch (planned.kind) {
      case 'throttled':
        sendJson(
          response,
          429,
          { error: { code: 'TooManyRequests', message: 'Too many requests', innerError: { date: new Date().toISOString() } } },
          { 'retry-after': String(planned.retryAfterSeconds) },
        );
        return true;
      case 'status':
        sendJson(response, planned.status, { error: { code: 'Fault', message: `fault ${String(planned.status)}` } });
        return true;
      case 'lose-response':
        post();
        response.destroy();
        return true;
    }
  };

  return {
    posts,
    violations,
    faults,
    webhookPath,
    webhookSig,
    handle(request, response, user) {
      const graph = GRAPH_POST.exec(request.path);
      if (graph !== null && request.method === 'POST') {
        if (user === null) {
          sendJson(response, 401, {
            error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' },
          });
          return Promise.resolve(true);
        }
        let body: unknown;
        try {
          body = JSON.parse(request.body) as unknown;
        } catch {
          body = undefined;
        }
        const path = request.path.replace(/^\/v1\.0/, '');
        const headers = { 'content-type': request.contentType };
        const validation = api.validateRequest({ method: 'POST', path, query: {}, headers, body });
        if (!validation.valid) {
          const why = (validation.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
          violations.push(`POST ${path}: ${why}`);
          sendJson(response, 400, { error: { code: 'BadRequest', message: why } });
          return Promise.resolve(true);
        }
        const post = (): TeamsPost => {
          const message: TeamsPost = {
            via: 'graph',
            id: `17${String(1_700_000_000_000 + next++)}`,
            where: `${decodeURIComponent(graph[1] ?? '')} ${decodeURIComponent(graph[2] ?? '')}`,
            body,
            user,
          };
          posts.push(message);
          return message;
        };
        if (fault(response, post)) return Promise.resolve(true);
        const message = post();
        sendJson(response, 201, { id: message.id, createdDateTime: new Date().toISOString(), body: (body as { body?: unknown }).body });
        return Promise.resolve(true);
      }
      if (request.path === webhookPath && request.method === 'POST') {
        if (request.query.get('sig') !== webhookSig) {
          sendJson(response, 401, { error: { code: 'DirectApiAuthorizationRequired', message: 'The request must be authenticated' } });
          return Promise.resolve(true);
        }
        let body: unknown;
        try {
          body = JSON.parse(request.body) as unknown;
        } catch {
          violations.push('webhook: body is not JSON');
        }
        checkCard(body, violations);
        const post = (): void => {
          posts.push({ via: 'webhook', id: String(next++), where: webhookPath, body, user: null });
        };
        if (fault(response, post)) return Promise.resolve(true);
        post();
        response.writeHead(202).end();
        return Promise.resolve(true);
      }
      return Promise.resolve(false);
    },
  };
}
