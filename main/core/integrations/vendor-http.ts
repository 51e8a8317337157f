import { DomainError } from '../errors';
import { HttpError, type HttpClient, type HttpRequest, type HttpResponse } from '../ports/http-client';

/** An answer with its body parsed as JSON when it is JSON (undefined otherwise: an HTML error page, garbage). */
export interface VendorAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: unknown;
}

/**
 * One request to a vendor. Network trouble, timeouts, oversized bodies and redirects (never followed: a token must
 * not travel to another host) become DomainError('unavailable') naming the vendor.
 */
export async function callVendor(http: HttpClient, vendor: string, request: HttpRequest): Promise<VendorAnswer> {
  let response: HttpResponse;
  try {
    response = await http.request({ timeoutMs: 20_000, ...request });
  } catch (error) {
    const why = error instanceof HttpError ? error.message : error instanceof Error ? error.message : String(error);
    throw new DomainError('unavailable', `${vendor} could not be reached: ${why}`);
  }
  return { status: response.status, headers: response.headers, json: parseJson(response.body) };
}

/** What came back, in words, for an error message (never the body itself: it may echo a token). */
export function describeAnswer(answer: VendorAnswer): string {
  const type = answer.headers['content-type'] ?? '';
  const what = answer.json === undefined ? (type.includes('html') ? 'an HTML page' : 'something that is not JSON') : 'JSON';
  return `HTTP ${String(answer.status)} with ${what}`;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** application/x-www-form-urlencoded, without URLSearchParams (the core has no DOM or Node types). */
export function formBody(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}
