import { describe, expect, it } from 'vitest';
import { assertSecureWebPreferences, InsecureWindowError, REQUIRED_WEB_PREFERENCES } from './web-preferences-guard';

const secure = { ...REQUIRED_WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' };

describe('window preferences guard', () => {
  it('accepts the required preferences with a preload', () => {
    expect(() => {
      assertSecureWebPreferences(secure);
    }).not.toThrow();
  });

  it('throws for every insecure or missing option, naming it', () => {
    const insecure: [string, Record<string, unknown>][] = [
      ['sandbox', { ...secure, sandbox: false }],
      ['contextIsolation', { ...secure, contextIsolation: false }],
      ['nodeIntegration', { ...secure, nodeIntegration: true }],
      ['nodeIntegrationInWorker', { ...secure, nodeIntegrationInWorker: true }],
      ['nodeIntegrationInSubFrames', { ...secure, nodeIntegrationInSubFrames: true }],
      ['webSecurity', { ...secure, webSecurity: false }],
      ['allowRunningInsecureContent', { ...secure, allowRunningInsecureContent: true }],
      ['webviewTag', { ...secure, webviewTag: true }],
      ['experimentalFeatures', { ...secure, experimentalFeatures: true }],
      ['sandbox must be true (is unset)', Object.fromEntries(Object.entries(secure).filter(([key]) => key !== 'sandbox'))],
      ['webSecurity must be true (is "yes")', { ...secure, webSecurity: 'yes' }],
      ['a preload script is required', { ...REQUIRED_WEB_PREFERENCES }],
    ];
    for (const [problem, preferences] of insecure) {
      expect(() => {
        assertSecureWebPreferences(preferences);
      }, problem).toThrow(InsecureWindowError);
      expect(() => {
        assertSecureWebPreferences(preferences);
      }, problem).toThrow(problem);
    }
    expect(() => {
      assertSecureWebPreferences(undefined);
    }).toThrow(/no web preferences/);
  });
});
