import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol, session } from 'electron';
import {
  APP_SCHEME,
  checkScreenshotRequest,
  CONTENT_SECURITY_POLICY,
  resolveAppAsset,
  SCREENSHOT_SCHEME,
} from '../../core/desktop/app-protocol-rules';

/** Must run before app 'ready': app:// behaves like an https origin (standard, secure); the screenshot scheme too. */
export function registerAppSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: SCREENSHOT_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function refused(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

/** Serves out/renderer through app://clockhand/ with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return refused(405);
    const asset = resolveAppAsset(request.url);
    if (!asset.ok) return refused(asset.status);
    try {
      const body = await readFile(join(rendererDir, ...asset.segments));
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': asset.contentType } });
    } catch {
      return refused(404);
    }
  });
}

export interface ScreenshotSource {
  /** The decrypted thumbnail as PNG bytes, or null when there is none (unknown id, tampered file, no key). */
  thumbnail(id: string): Promise<Uint8Array | null>;
}

/**
 * Decrypted screenshots reach the window only here, and only for our own top frame: the frame is checked on the
 * session's request hook (which knows the requesting frame), the method and id again in the handler.
 */
export function serveScreenshots(source: ScreenshotSource, isOwnRenderer: (url: string) => boolean): void {
  session.defaultSession.webRequest.onBeforeRequest({ urls: [`${SCREENSHOT_SCHEME}://*/*`] }, (details, callback) => {
    const frame = details.frame ?? null;
    const check = checkScreenshotRequest(
      details.method,
      details.url,
      frame === null ? null : { url: frame.url, isTopFrame: frame.parent === null },
      isOwnRenderer,
    );
    callback({ cancel: !check.ok });
  });
  protocol.handle(SCREENSHOT_SCHEME, async (request) => {
    // The frame was checked by the hook above; here the method and address (the hook and this must both agree).
    const check = checkScreenshotRequest(request.method, request.url, { url: request.referrer, isTopFrame: true }, () => true);
    if (!check.ok) return refused(check.status);
    const png = await source.thumbnail(check.id);
    if (png === null) return refused(404);
    return new Response(Buffer.from(png), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': 'image/png', 'Cache-Control': 'no-store' },
    });
  });
}
