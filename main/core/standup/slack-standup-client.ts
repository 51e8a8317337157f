import { z } from 'zod';
import type { HttpClient, HttpResponse } from '../ports/http-client';
import { classifyFailure, isOutcome, parseJson, send, type CallOutcome } from '../sync/call-outcome';
import { asFailure, type CallFailure as Failure } from './call-failure';
import { retryAfterMs } from '../sync/rate-limits';
import { formBody } from '../integrations/vendor-http';
import type { SlackMessage } from './standup-render';

/** The message metadata event type that marks our standups (its payload carries the standup's idempotency key). */
export const SLACK_EVENT_TYPE = 'clockhand_standup';
/** conversations.history pages read while looking for a standup (200 messages each). */
const HISTORY_PAGES = 5;
/** Our clock and Slack's may disagree: look this much further back than when the standup was queued. */
const CLOCK_SKEW_SECONDS = 15 * 60;

const okFalse = z.object({ ok: z.literal(false), error: z.string().max(200), needed: z.string().max(200).optional() });
const posted = z.object({ ok: z.literal(true), channel: z.string().min(1).max(200), ts: z.string().regex(/^\d{1,12}\.\d{1,9}$/) });
const history = z.object({
  ok: z.literal(true),
  messages: z.array(
    z.object({
      ts: z.string().max(40),
      metadata: z.object({ event_type: z.string().max(200), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
    }),
  ),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().max(500).optional() }).optional(),
});

export type SlackPosted = { readonly kind: 'ok'; readonly ts: string; readonly channel: string };
export type SlackFound = { readonly kind: 'found'; readonly ts: string | null };

/** Slack's own errors for a token that no longer works: the connection refreshes once, then needs the user. */
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_expired', 'token_revoked', 'account_inactive']);
const SERVER_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Slack Web API calls for standups: chat.postMessage (JSON body, with message metadata carrying our key),
 * chat.update, and conversations.history (form body) to find a post whose outcome is unknown. Slack answers most
 * errors as HTTP 200 {ok:false,error}: those are errors, classified like HTTP ones.
 */
export class SlackStandupClient {
  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async post(baseUrl: string, authorization: string, channel: string, message: SlackMessage, key: string): Promise<SlackPosted | Failure> {
    const response = await this.json(baseUrl, 'chat.postMessage', authorization, {
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { id: key } },
    });
    if (isOutcome(response)) return asFailure(response);
    return this.answer(response, posted, (data) => ({ kind: 'ok', ts: data.ts, channel: data.channel }));
  }

  async update(
    baseUrl: string,
    authorization: string,
    channel: string,
    ts: string,
    message: SlackMessage,
    key: string,
  ): Promise<SlackPosted | Failure> {
    const response = await this.json(baseUrl, 'chat.update', authorization, {
      channel,
      ts,
      text: message.text,
      blocks: message.blocks,
      metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { id: key } },
    });
    if (isOutcome(response)) return asFailure(response);
    return this.answer(response, posted, (data) => ({ kind: 'ok', ts: data.ts, channel: data.channel }));
  }

  /** Looks through the channel's messages since `oldest` (epoch ms) for the one carrying `key`. */
  async find(baseUrl: string, authorization: string, channel: string, oldest: number, key: string): Promise<SlackFound | Failure> {
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const response = await send(this.http, {
        method: 'POST',
        url: `${baseUrl}/conversations.history`,
        timeoutMs: this.timeoutMs,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: formBody({
          channel,
          oldest: (Math.floor(oldest / 1000) - CLOCK_SKEW_SECONDS).toFixed(6),
          include_all_metadata: 'true',
          limit: '200',
          cursor,
        }),
      });
      if (isOutcome(response)) return asFailure(response);
      const result = this.answer(response, history, (data) => ({ kind: 'page' as const, data }));
      if (result.kind !== 'page') return result;
      const match = result.data.messages.find(
        (message) => message.metadata?.event_type === SLACK_EVENT_TYPE && message.metadata.event_payload?.id === key,
      );
      if (match !== undefined) return { kind: 'found', ts: match.ts };
      cursor = result.data.response_metadata?.next_cursor;
      if (result.data.has_more !== true || cursor === undefined || cursor === '') return { kind: 'found', ts: null };
    }
    return { kind: 'found', ts: null };
  }

  private json(baseUrl: string, method: string, authorization: string, body: unknown): Promise<HttpResponse | CallOutcome> {
    return send(this.http, {
      method: 'POST',
      url: `${baseUrl}/${method}`,
      timeoutMs: this.timeoutMs,
      headers: { authorization, 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private answer<S extends z.ZodType, R>(response: HttpResponse, schema: S, ok: (data: z.infer<S>) => R): R | Failure {
    const json = parseJson(response.body);
    if (response.status !== 200) return asFailure(classifyFailure(response, this.now(), () => describeSlackError(json)));
    const refused = okFalse.safeParse(json);
    if (refused.success) return slackError(refused.data.error, refused.data.needed, response, this.now());
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { kind: 'bad_response', message: 'Slack answered HTTP 200 with something that is not a Slack answer' };
    return ok(parsed.data);
  }
}

function describeSlackError(json: unknown): string {
  const refused = okFalse.safeParse(json);
  return refused.success ? refused.data.error : 'no Slack error in the answer';
}

/** HTTP 200 {ok:false}: Slack's error names, turned into what the worker does. */
export function slackError(error: string, needed: string | undefined, response: HttpResponse, now: number): Failure {
  if (error === 'ratelimited' || error === 'rate_limited')
    return { kind: 'throttled', waitMs: retryAfterMs(response.headers, now), message: `Slack: ${error}`, scope: 'lane' };
  if (AUTH_ERRORS.has(error)) return { kind: 'unauthorized', status: 401 };
  if (SERVER_ERRORS.has(error)) return { kind: 'server_error', status: 200, message: `Slack: ${error}`, waitMs: null };
  if (error === 'message_not_found') return { kind: 'not_found', message: `Slack: ${error}` };
  const scope = needed === undefined ? '' : ` (needs ${needed}: sign in to Slack again)`;
  return { kind: 'rejected', status: 200, message: `Slack refused the standup: ${error}${scope}` };
}
