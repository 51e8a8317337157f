import axios, { AxiosError } from 'axios';
import { HttpError, type HttpClient, type HttpResponse } from '../../core/ports/http-client';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Errors raised before a connection exists: the request was certainly not sent. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** HttpClient on axios: text bodies capped at 5 MiB, a timeout on every request, redirects never followed. */
export function createAxiosHttpClient(options: { maxBodyBytes?: number } = {}): HttpClient {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const instance = axios.create({
    maxRedirects: 0,
    maxContentLength: maxBodyBytes,
    maxBodyLength: maxBodyBytes,
    responseType: 'text',
    transformResponse: (data: unknown) => data,
    validateStatus: () => true,
    proxy: false,
  });
  return {
    request: async (request): Promise<HttpResponse> => {
      try {
        const response = await instance.request<string>({
          method: request.method,
          url: request.url,
          headers: { 'user-agent': 'Clockhand', ...request.headers },
          data: request.body,
          timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        });
        if (response.status >= 300 && response.status < 400) {
          throw new HttpError(
            'redirect',
            `the server answered with a redirect (${String(response.status)}); Clockhand does not follow redirects`,
          );
        }
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers[key.toLowerCase()] = value;
        }
        return { status: response.status, headers, body: typeof response.data === 'string' ? response.data : '' };
      } catch (error) {
        if (error instanceof HttpError) throw error;
        if (error instanceof AxiosError) {
          if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
            throw new HttpError('timeout', 'the server did not answer in time');
          if (error.code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || /maxContentLength/.test(error.message)) {
            throw new HttpError('too_large', `the answer was larger than ${String(maxBodyBytes / 1024 / 1024)} MiB`);
          }
          if (error.code !== undefined && UNREACHABLE_CODES.has(error.code)) throw new HttpError('unreachable', error.code);
          throw new HttpError('network', error.code ?? error.message);
        }
        throw new HttpError('network', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
