export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Text, capped by the client (bigger bodies fail with 'too_large'). */
  readonly body: string;
}

/**
 * The request did not produce a usable response. `unreachable`: no connection was made, so nothing was sent;
 * `network` and `timeout`: the request may or may not have reached the server.
 */
export class HttpError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'network' | 'timeout' | 'too_large' | 'redirect',
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Plain HTTP for the integrations: no redirects followed (a redirect to another host must not receive a token). */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}
