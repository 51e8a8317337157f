import type { WebPreferences } from 'electron';

/**
 * The values every Clockhand window must have, spelled out (an omitted option is refused too: Electron's defaults
 * have changed between versions, so "unset" is not "safe").
 */
export const REQUIRED_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const satisfies WebPreferences;

export class InsecureWindowError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`refusing to open an insecure window: ${problems.join('; ')}`);
    this.name = 'InsecureWindowError';
  }
}

/** Throws unless `preferences` has every required value and a preload script; used before and after creation. */
export function assertSecureWebPreferences(preferences: WebPreferences | null | undefined): void {
  if (preferences === null || preferences === undefined) throw new InsecureWindowError(['no web preferences']);
  const problems: string[] = [];
  for (const [key, required] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    const actual: unknown = (preferences as Record<string, unknown>)[key];
    if (actual !== required)
      problems.push(`${key} must be ${String(required)} (is ${actual === undefined ? 'unset' : JSON.stringify(actual)})`);
  }
  if (typeof preferences.preload !== 'string' || preferences.preload === '') problems.push('a preload script is required');
  if (problems.length > 0) throw new InsecureWindowError(problems);
}
