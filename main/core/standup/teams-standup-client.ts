import { z } from 'zod';
import type { HttpClient } from '../ports/http-client';
import { classifyFailure, isOutcome, parseJson, send } from '../sync/call-outcome';
import { asFailure, type CallFailure as Failure } from './call-failure';

export type TeamsPosted = { readonly kind: 'ok'; readonly id: string | null };

const graphMessage = z.object({ id: z.string().min(1).max(400) });
const graphError = z.object({ error: z.object({ code: z.string().max(200), message: z.string().max(1000) }) });

function describeGraphError(body: string): string {
  const parsed = graphError.safeParse(parseJson(body));
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : 'no Graph error in the answer';
}

/**
 * Teams: Graph `POST /teams/{team-id}/channels/{channel-id}/messages` (delegated ChannelMessage.Send, 201 with
 * the chatMessage), or a Workflows webhook (an Adaptive Card; 202 Accepted, no id). The webhook URL is the
 * "authorization": it carries its own signature and is never logged.
 */
export class TeamsStandupClient {
  constructor(
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async postGraph(
    baseUrl: string,
    authorization: string,
    teamId: string,
    channelId: string,
    html: string,
    subject: string,
  ): Promise<TeamsPosted | Failure> {
    const response = await send(this.http, {
      method: 'POST',
      url: `${baseUrl}/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages`,
      timeoutMs: this.timeoutMs,
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ subject, body: { contentType: 'html', content: html } }),
    });
    if (isOutcome(response)) return asFailure(response);
    if (response.status !== 201 && response.status !== 200) return asFailure(classifyFailure(response, this.now(), describeGraphError));
    const parsed = graphMessage.safeParse(parseJson(response.body));
    if (!parsed.success) return { kind: 'bad_response', message: `Graph answered HTTP ${String(response.status)} without a message id` };
    return { kind: 'ok', id: parsed.data.id };
  }

  async postWebhook(webhookUrl: string, card: unknown): Promise<TeamsPosted | Failure> {
    const response = await send(this.http, {
      method: 'POST',
      url: webhookUrl,
      timeoutMs: this.timeoutMs,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(card),
    });
    if (isOutcome(response)) return redactWebhook(asFailure(response), webhookUrl);
    if (response.status === 202 || response.status === 200) return { kind: 'ok', id: null };
    // Never the body or the URL in the message: the URL is a secret, and an error page may echo it.
    return asFailure(classifyFailure(response, this.now(), () => 'the Workflows webhook refused the card'));
  }
}

/** A transport message must not carry the webhook URL or its signature into the outbox row or the log. */
function redactWebhook(failure: Failure, webhookUrl: string): Failure {
  if (failure.kind !== 'transport') return failure;
  const message = failure.message
    .split(webhookUrl)
    .join('<the webhook>')
    .replace(/sig=[^&\s]+/g, 'sig=<redacted>');
  return { ...failure, message };
}
