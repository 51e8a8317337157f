import { HttpError, type HttpClient, type HttpRequest, type HttpResponse } from '../ports/http-client';
import { retryAfterMs } from './rate-limits';

/** One vendor call, classified the way the sync worker acts on it. */
export type CallOutcome =
  | { readonly kind: 'ok'; readonly remoteId: string | null }
  | { readonly kind: 'not_found'; readonly message: string }
  | { readonly kind: 'unauthorized'; readonly status: number }
  /**
   * 429, or a 503 that says when to come back. `scope` item: the limit is on the remote object (Jira's
   * `RateLimit-Reason: jira-per-issue-on-write`), so only that item waits; lane: the whole connection waits.
   */
  | { readonly kind: 'throttled'; readonly waitMs: number | null; readonly message: string; readonly scope: 'lane' | 'item' }
  | { readonly kind: 'server_error'; readonly status: number; readonly message: string; readonly waitMs: number | null }
  /** A 4xx other than 401/404/429: the vendor will not take this item as it is. */
  | { readonly kind: 'rejected'; readonly status: number; readonly message: string }
  /** No usable answer. `delivered: 'no'` only when the request certainly never left. */
  | { readonly kind: 'transport'; readonly delivered: 'no' | 'unknown'; readonly message: string }
  /** A success status with a body we cannot use (the write may have happened). */
  | { readonly kind: 'bad_response'; readonly message: string };

export const REQUEST_TIMEOUT_MS = 30_000;

/** Sends the request; a transport failure becomes an outcome instead of a rejection. */
export async function send(http: HttpClient, request: HttpRequest): Promise<HttpResponse | CallOutcome> {
  try {
    return await http.request({ timeoutMs: REQUEST_TIMEOUT_MS, ...request });
  } catch (error) {
    if (error instanceof HttpError) {
      return { kind: 'transport', delivered: error.kind === 'unreachable' ? 'no' : 'unknown', message: `${error.kind}: ${error.message}` };
    }
    return { kind: 'transport', delivered: 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
}

export function isOutcome(value: HttpResponse | CallOutcome): value is CallOutcome {
  return 'kind' in value;
}

/** Classifies a non-2xx answer. `message` turns the vendor's error body into one line. */
export function classifyFailure(response: HttpResponse, now: number, message: (body: string) => string): CallOutcome {
  const status = response.status;
  const text = `HTTP ${String(status)}: ${message(response.body)}`;
  const waitMs = retryAfterMs(response.headers, now);
  if (status === 401) return { kind: 'unauthorized', status };
  if (status === 404) return { kind: 'not_found', message: text };
  const reason = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'ratelimit-reason')?.[1] ?? '';
  const scope = /per-issue/i.test(reason) ? 'item' : 'lane';
  if (status === 429) return { kind: 'throttled', waitMs, message: text, scope };
  if (status === 503 && waitMs !== null) return { kind: 'throttled', waitMs, message: text, scope };
  if (status >= 500) return { kind: 'server_error', status, message: text, waitMs };
  if (status === 408) return { kind: 'transport', delivered: 'unknown', message: text };
  return { kind: 'rejected', status, message: text };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
