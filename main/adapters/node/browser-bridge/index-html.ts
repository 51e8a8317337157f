/** Where the harness serves the shim, relative to the renderer build (electron.vite.config.ts emits it there). */
export const SHIM_PATH = 'dev/browser-bridge.js';

/**
 * The built renderer's index.html as the harness serves it: the shim's script before the app's, and the
 * Content-Security-Policy allowing exactly one WebSocket origin (the harness) instead of `connect-src 'none'`.
 */
export function harnessIndexHtml(html: string, wsOrigin: string): string {
  if (!html.includes("connect-src 'none'")) throw new Error("index.html has no connect-src 'none' to replace");
  const firstModule = html.indexOf('<script type="module"');
  if (firstModule < 0) throw new Error('index.html has no module script');
  const withCsp = html.replace("connect-src 'none'", `connect-src ${wsOrigin}`);
  const at = withCsp.indexOf('<script type="module"');
  return `${withCsp.slice(0, at)}<script type="module" src="./${SHIM_PATH}"></script>\n    ${withCsp.slice(at)}`;
}
