import { describe, expect, it } from 'vitest';
import {
  checkScreenshotRequest,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  RENDERER_ENTRY_URL,
  resolveAppAsset,
  type RequestingFrame,
} from './app-protocol-rules';

const id = '4f7c2a9e-1b2c-4d5e-8f90-123456789abc';
const own = (url: string): boolean => url.startsWith('app://clockhand/');
const top: RequestingFrame = { url: RENDERER_ENTRY_URL, isTopFrame: true };

describe('app:// assets', () => {
  it('serves renderer files with their content type', () => {
    expect(resolveAppAsset('app://clockhand/')).toEqual({ ok: true, segments: ['index.html'], contentType: 'text/html; charset=utf-8' });
    expect(resolveAppAsset('app://clockhand/assets/index-Bx12_a.js?v=1#x')).toEqual({
      ok: true,
      segments: ['assets', 'index-Bx12_a.js'],
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset('app://clockhand/assets/styles.css')).toMatchObject({ ok: true, contentType: 'text/css; charset=utf-8' });
  });

  it('refuses traversal, other hosts, hidden files and unknown types', () => {
    for (const url of [
      'app://clockhand/../main/cli.js',
      'app://clockhand/assets/..%2F..%2Fmain%2Fcli.js',
      'app://clockhand/assets%2F..%2F..%2Fpackage.json',
      'app://clockhand/%2e%2e/package.json',
      'app://clockhand/assets\\..\\x.js',
      'app://clockhand/.env',
      'app://clockhand/assets//x.js',
      'app://clockhand/index.html%00.png',
      'app://clockhand/main.node',
      'app://clockhand/README',
      'app://other/index.html',
      'app://clockhand.evil/index.html',
      'file:///etc/passwd',
      `app://clockhand/${'a/'.repeat(9)}x.js`,
    ]) {
      expect(resolveAppAsset(url).ok, url).toBe(false);
    }
    expect(resolveAppAsset('app://clockhand/%E0%A4%A.js')).toMatchObject({ ok: false, status: 400 });
  });

  it('the CSP allows no inline script, no network and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('the screenshot protocol', () => {
  it('answers a GET for a thumbnail id from the top frame of our renderer', () => {
    expect(checkScreenshotRequest('GET', `clockhand-shot://thumbnail/${id}`, top, own)).toEqual({ ok: true, id });
  });

  it('refuses other frames, methods and addresses before touching the vault', () => {
    const shot = `clockhand-shot://thumbnail/${id}`;
    expect(checkScreenshotRequest('GET', shot, null, own)).toMatchObject({ ok: false, status: 403 });
    expect(checkScreenshotRequest('GET', shot, { url: RENDERER_ENTRY_URL, isTopFrame: false }, own)).toMatchObject({ status: 403 });
    expect(checkScreenshotRequest('GET', shot, { url: 'https://evil.example/', isTopFrame: true }, own)).toMatchObject({ status: 403 });
    expect(checkScreenshotRequest('POST', shot, top, own)).toMatchObject({ status: 405 });
    for (const url of [
      `clockhand-shot://thumbnail/${id}?full=1`,
      `clockhand-shot://thumbnail/${id}#x`,
      `clockhand-shot://thumbnail/${id}/../${id}`,
      `clockhand-shot://full/${id}`,
      `clockhand-shot://thumbnail/${id.toUpperCase()}`,
      'clockhand-shot://thumbnail/../../etc/passwd',
      'clockhand-shot://thumbnail/',
      `app://clockhand/${id}`,
    ]) {
      expect(checkScreenshotRequest('GET', url, top, own), url).toMatchObject({ ok: false, status: 400 });
    }
  });
});

describe('external links', () => {
  it('opens https links to allowlisted hosts only', () => {
    for (const url of [
      'https://clockhand.dev/docs',
      'https://acme.atlassian.net/browse/PROJ-1',
      'https://app.asana.com/0/1/2',
      'https://ACME.slack.com/',
      'https://auth.atlassian.com/authorize?audience=api.atlassian.com&client_id=c',
      'https://slack.com/oauth/v2/authorize?client_id=c',
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=c',
      'https://app.asana.com/-/oauth_authorize?client_id=c',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://clockhand.dev/',
      'https://atlassian.net.evil.example/',
      'https://evilatlassian.net/',
      'https://evilslack.com/',
      'https://login.microsoftonline.com.evil.example/',
      'https://.atlassian.net/',
      'https://user:pass@clockhand.dev/',
      'https://clockhand.dev@evil.example/',
      'https://clockhand.dev:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://evil.example/?https://clockhand.dev',
      `https://clockhand.dev/${'x'.repeat(2100)}`,
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
    expect(isAllowedExternalUrl('https://jira.example.com/browse/X-1')).toBe(false);
    expect(isAllowedExternalUrl('https://jira.example.com/browse/X-1', ['jira.example.com'])).toBe(true);
  });
});
