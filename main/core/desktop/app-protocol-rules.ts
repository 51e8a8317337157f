/**
 * The rules of the two custom protocols of the app, as pure functions (the Electron handlers only do the I/O):
 *   app://clockhand/<path>            the renderer's own files from out/renderer, with a strict CSP
 *   clockhand-shot://thumbnail/<id>   a decrypted screenshot thumbnail, for our own top frame only
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'clockhand';
export const RENDERER_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export const SCREENSHOT_SCHEME = 'clockhand-shot';

/**
 * Sent with every app:// response. No inline script or style, no network (the renderer talks to the core over IPC
 * only), images only from the app itself, data: URLs, the viewer's blob: URLs (made by the page itself from what
 * the core sent) and the screenshot protocol; nothing may frame the app.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: clockhand-shot:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const MAX_SEGMENTS = 8;

export type AssetLookup =
  | { readonly ok: true; readonly segments: readonly string[]; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 404; readonly reason: string };

/**
 * Maps an app:// URL to a file under the renderer folder, as path segments (the handler joins them under that
 * folder). Refuses other hosts, traversal (`..`, encoded slashes or backslashes), hidden files and unknown types.
 */
export function resolveAppAsset(url: string): AssetLookup {
  const prefix = `${APP_SCHEME}://${APP_HOST}/`;
  if (!url.startsWith(prefix)) return { ok: false, status: 404, reason: 'not the app origin' };
  const path = url.slice(prefix.length).replace(/[?#].*$/s, '');
  const raw = path === '' ? ['index.html'] : path.split('/');
  if (raw.length > MAX_SEGMENTS) return { ok: false, status: 404, reason: 'path too deep' };
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: 'bad escape in the path' };
    }
    if (!SEGMENT.test(decoded) || decoded.includes('..')) return { ok: false, status: 404, reason: 'not a renderer file name' };
    segments.push(decoded);
  }
  const last = segments[segments.length - 1] ?? '';
  const extension = last.includes('.') ? (last.split('.').pop() ?? '') : '';
  const contentType = CONTENT_TYPES[extension.toLowerCase()];
  if (contentType === undefined) return { ok: false, status: 404, reason: 'not a renderer file type' };
  return { ok: true, segments, contentType };
}

/** The requesting frame as Electron reports it (null when it is gone). */
export interface RequestingFrame {
  readonly url: string;
  /** True for the top frame of its window. */
  readonly isTopFrame: boolean;
}

export type ScreenshotRequestCheck =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

const SCREENSHOT_URL = /^clockhand-shot:\/\/thumbnail\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Whether a request for a decrypted screenshot may be answered: a GET from the top frame of our own renderer, for
 * exactly `clockhand-shot://thumbnail/<uuid>` (no query, no fragment, no other path). Anything else is refused
 * before the vault is touched.
 */
export function checkScreenshotRequest(
  method: string,
  url: string,
  frame: RequestingFrame | null,
  isOwnRenderer: (frameUrl: string) => boolean,
): ScreenshotRequestCheck {
  if (method !== 'GET') return { ok: false, status: 405, reason: 'only GET' };
  if (frame === null || !frame.isTopFrame || !isOwnRenderer(frame.url)) {
    return { ok: false, status: 403, reason: 'not requested by the Clockhand window' };
  }
  const match = SCREENSHOT_URL.exec(url);
  const id = match?.[1];
  if (id === undefined) return { ok: false, status: 400, reason: 'not a screenshot address' };
  return { ok: true, id };
}

/** Hosts `shell.openExternal` may open: exact names, or `*.suffix` for a vendor's subdomains. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'clockhand.dev',
  '*.clockhand.dev',
  'github.com',
  '*.atlassian.net',
  'id.atlassian.com',
  'app.asana.com',
  '*.slack.com',
  'teams.microsoft.com',
  // The authorization pages of the browser sign-ins (Atlassian, Slack, Microsoft; Asana's is app.asana.com).
  'auth.atlassian.com',
  'slack.com',
  'login.microsoftonline.com',
];

const HTTPS_URL = /^https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::443)?(?:[/?#][^\s\\]*)?$/i;

/**
 * Whether a link may leave the app for the system browser: https only, no credentials in it, a host on the
 * allowlist (plus the hosts of the user's own connections, e.g. a Jira Data Center server).
 */
export function isAllowedExternalUrl(url: string, extraHosts: readonly string[] = []): boolean {
  if (url.length > 2048) return false;
  const match = HTTPS_URL.exec(url);
  const host = match?.[1]?.toLowerCase();
  if (host === undefined) return false;
  return [...EXTERNAL_HOSTS, ...extraHosts].some((rule) => {
    const lower = rule.toLowerCase();
    return lower.startsWith('*.') ? host.endsWith(lower.slice(1)) && host.length > lower.length - 1 : host === lower;
  });
}
