import type { ServerResponse } from 'node:http';
import { sendJson, type FakeRequest } from './fake-http';

export interface SlackMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  readonly user: string;
  edits: number;
}

/** What the next chat.postMessage (or chat.update) meets, instead of the normal answer. */
export type SlackFault =
  | { readonly kind: 'ratelimited'; readonly retryAfterSeconds: number }
  /** HTTP 200 {ok:false,error} (e.g. channel_not_found, internal_error). */
  | { readonly kind: 'ok-false'; readonly error: string }
  /** The message is posted, then the connection is cut before the answer: the client cannot know. */
  | { readonly kind: 'lose-response' }
  /** The message is posted and the answer never comes (the client is killed while it waits). */
  | { readonly kind: 'hang' };

export interface FakeSlackMessages {
  readonly messages: SlackMessage[];
  /** Hand-made checks of every request (the official spec is Swagger 2.0 from 2020: form bodies, token header). */
  readonly violations: string[];
  readonly faults: SlackFault[];
  /** Channels that exist (others: channel_not_found). */
  readonly channels: Set<string>;
  /** Answers one /api/ call about messages; false when the path is not one of them. */
  handle(request: FakeRequest, response: ServerResponse, user: string | null, expired: boolean): boolean;
}

const CHANNEL = /^[CGD][A-Z0-9]{2,30}$/;
const BLOCK_TYPES = new Set(['header', 'section', 'divider', 'context', 'rich_text', 'actions', 'image']);

/** Both content types chat.* methods accept: JSON (with charset) and form (blocks as a JSON string). */
function argumentsOf(request: FakeRequest, violations: string[], method: string): Record<string, unknown> | null {
  const type = request.contentType.toLowerCase();
  if (type.startsWith('application/json')) {
    if (!/charset=utf-8/.test(type)) violations.push(`${method}: JSON without charset=utf-8 (Slack warns missing_charset)`);
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      return parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(request.body));
    for (const key of ['blocks', 'metadata']) {
      const text = fields[key];
      if (typeof text === 'string') {
        try {
          fields[key] = JSON.parse(text) as unknown;
        } catch {
          violations.push(`${method}: ${key} is not JSON`);
        }
      }
    }
    return fields;
  }
  violations.push(`${method}: content type ${request.contentType}`);
  return null;
}

function checkMessage(method: string, args: Record<string, unknown>, violations: string[]): void {
  if ('token' in args) violations.push(`${method}: token in the body (use the Authorization header)`);
  if (typeof args.channel !== 'string' || !CHANNEL.test(args.channel)) violations.push(`${method}: channel must be a channel id`);
  if (typeof args.text !== 'string' || args.text === '')
    violations.push(`${method}: text (the notification fallback) is required with blocks`);
  if (!Array.isArray(args.blocks) || args.blocks.length === 0 || args.blocks.length > 50) {
    violations.push(`${method}: blocks must be an array of 1..50`);
  } else {
    for (const block of args.blocks as unknown[]) {
      const b = block as { type?: unknown; text?: { type?: unknown; text?: unknown } };
      if (typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) violations.push(`${method}: block type ${String(b.type)}`);
      const text = b.text?.text;
      if (b.type === 'header' && (b.text?.type !== 'plain_text' || typeof text !== 'string' || text.length > 150))
        violations.push(`${method}: a header is plain_text of at most 150 characters`);
      if (b.type === 'section' && (b.text?.type !== 'mrkdwn' || typeof text !== 'string' || text.length > 3000))
        violations.push(`${method}: a section's text is at most 3000 characters`);
      if (b.type === 'section' && typeof text === 'string' && text.includes('<'))
        violations.push(`${method}: unescaped < in mrkdwn (a link or mention could be injected)`);
    }
  }
  const metadata = args.metadata as { event_type?: unknown; event_payload?: unknown } | undefined;
  if (metadata !== undefined) {
    if (typeof metadata.event_type !== 'string' || !/^[a-z0-9_]{1,255}$/.test(metadata.event_type))
      violations.push(`${method}: metadata.event_type must be snake_case`);
    if (typeof metadata.event_payload !== 'object' || metadata.event_payload === null)
      violations.push(`${method}: metadata.event_payload must be an object`);
  }
}

/**
 * chat.postMessage, chat.update and conversations.history as Slack answers them: HTTP 200 with {ok:false} for
 * errors, 429 with Retry-After when rate limited, message metadata kept and returned with include_all_metadata.
 */
export function fakeSlackMessages(): FakeSlackMessages {
  const messages: SlackMessage[] = [];
  const violations: string[] = [];
  const faults: SlackFault[] = [];
  const channels = new Set(['C0STANDUP']);
  // Slack's ts is the message's time in epoch seconds (unique per channel).
  let clock = 0;

  const fault = (response: ServerResponse, apply: () => void): boolean => {
    const next = faults.shift();
    if (next === undefined) return false;
    switch (next.kind) {
      case 'ratelimited':
        sendJson(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(next.retryAfterSeconds) });
        return true;
      case 'ok-false':
        sendJson(response, 200, { ok: false, error: next.error });
        return true;
      case 'lose-response':
        apply();
        response.destroy();
        return true;
      case 'hang':
        apply();
        return true;
    }
  };

  return {
    messages,
    violations,
    faults,
    channels,
    handle(request, response, user, expired) {
      const method = request.path.replace(/^\/api\//, '');
      if (!['chat.postMessage', 'chat.update', 'conversations.history'].includes(method)) return false;
      if (request.method !== 'POST') violations.push(`${method}: ${request.method} (Web API methods are POSTed here)`);
      if (user === null) {
        // HTTP 200 all the same: with token rotation an expired access token is token_expired.
        sendJson(response, 200, { ok: false, error: expired ? 'token_expired' : 'invalid_auth' });
        return true;
      }
      const args = argumentsOf(request, violations, method);
      if (args === null) {
        sendJson(response, 200, { ok: false, error: 'invalid_form_data' });
        return true;
      }
      const channel = typeof args.channel === 'string' ? args.channel : '';
      if (method === 'conversations.history') {
        if (!CHANNEL.test(channel)) violations.push('conversations.history: channel must be a channel id');
        if (args.oldest !== undefined && !(typeof args.oldest === 'string' && /^\d+(\.\d+)?$/.test(args.oldest)))
          violations.push('conversations.history: oldest must be a timestamp string');
        if (!channels.has(channel)) {
          sendJson(response, 200, { ok: false, error: 'channel_not_found' });
          return true;
        }
        const oldest = typeof args.oldest === 'string' ? Number(args.oldest) : 0;
        const withMetadata = String(args.include_all_metadata) === 'true';
        const found = messages
          .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
          .sort((a, b) => Number(b.ts) - Number(a.ts))
          .map((m) => ({
            type: 'message',
            user: m.user,
            text: m.text,
            ts: m.ts,
            ...(withMetadata && m.metadata !== null && { metadata: m.metadata }),
          }));
        sendJson(response, 200, { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } });
        return true;
      }
      checkMessage(method, args, violations);
      if (!channels.has(channel)) {
        sendJson(response, 200, { ok: false, error: 'channel_not_found' });
        return true;
      }
      const metadata = (args.metadata as SlackMessage['metadata'] | undefined) ?? null;
      if (method === 'chat.postMessage') {
        const post = (): SlackMessage => {
          clock = Math.max(clock + 1, Math.floor(Date.now() / 1000));
          const message: SlackMessage = {
            channel,
            ts: `${String(clock)}.000100`,
            text: String(args.text),
            blocks: args.blocks as unknown[],
            metadata,
            user,
            edits: 0,
          };
          messages.push(message);
          return message;
        };
        if (fault(response, post)) return true;
        const message = post();
        sendJson(response, 200, { ok: true, channel, ts: message.ts, message: { text: message.text, user, ts: message.ts } });
        return true;
      }
      // chat.update
      if (typeof args.ts !== 'string') violations.push('chat.update: ts is required');
      const existing = messages.find((m) => m.channel === channel && m.ts === args.ts);
      const apply = (): void => {
        if (existing === undefined) return;
        existing.text = String(args.text);
        existing.blocks = args.blocks as unknown[];
        existing.edits += 1;
        if (metadata !== null) existing.metadata = metadata;
      };
      if (fault(response, apply)) return true;
      if (existing === undefined) {
        sendJson(response, 200, { ok: false, error: 'message_not_found' });
        return true;
      }
      if (existing.user !== user) {
        sendJson(response, 200, { ok: false, error: 'cant_update_message' });
        return true;
      }
      apply();
      sendJson(response, 200, { ok: true, channel, ts: existing.ts, text: existing.text });
      return true;
    },
  };
}
