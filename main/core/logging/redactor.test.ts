import { describe, expect, it } from 'vitest';
import { Redactor, REDACTED } from './redactor';

describe('the log redactor', () => {
  const redactor = new Redactor();

  it('removes Authorization and Cookie headers, bearer and basic credentials', () => {
    expect(redactor.text('Authorization: Bearer abc.def-123')).toBe(`Authorization: ${REDACTED}`);
    expect(redactor.text('sent {"authorization":"Basic YWRhOnRva2Vu"}')).not.toContain('YWRhOnRva2Vu');
    expect(redactor.text('Cookie: sid=s3cr3t; theme=dark')).not.toContain('s3cr3t');
    expect(redactor.text('Set-Cookie: sid=s3cr3t; Path=/')).not.toContain('s3cr3t');
    expect(redactor.text('retry with Bearer tok_42abcdef')).toBe(`retry with Bearer ${REDACTED}`);
  });

  it('removes credentials in URLs and vendor token shapes, and e-mail addresses', () => {
    const url = redactor.text('GET https://x.example/cb?code=abc123&state=ok&access_token=zzz&sig=SIG');
    expect(url).toContain('state=ok');
    for (const secret of ['abc123', 'zzz', 'SIG']) expect(url).not.toContain(secret);
    for (const token of [
      'ATATT3xFfGF0-cloud-token-7f3a9c',
      'xoxp-1-abc-def',
      'xoxe.xoxp-1-rt-0a1b',
      'eyJhbGciOi.eyJzdWIi.sig',
      '1/1201234567:abcdef0123456789',
    ]) {
      expect(redactor.text(`token ${token} refused`), token).toBe(`token ${REDACTED} refused`);
    }
    expect(redactor.text('connected as ada.lovelace+work@example.co.uk')).toBe('connected as [email]');
    expect(redactor.text(`key ${'a1'.repeat(20)}`)).toBe(`key ${REDACTED}`);
  });

  it('keeps ordinary text, paths and numbers', () => {
    const line = 'runtime started in /tmp/clockhand-test-abcdefghijklmnopqrstuvwxyz0123456789/data (3 connections, 200 OK)';
    expect(redactor.text(line)).toBe(line);
    expect(redactor.fields({ status: 401, attempts: 3, ok: false, provider: 'jira' })).toEqual({
      status: 401,
      attempts: 3,
      ok: false,
      provider: 'jira',
    });
  });

  it('removes whole values under secret-looking field names (tokens, notes, e-mails, bodies)', () => {
    const fields = redactor.fields({
      token: 'anything',
      refreshToken: 'r',
      note: 'my private note',
      email: 'x',
      body: '{"a":1}',
      title: 'Screenshot taken',
    });
    expect(fields).toEqual({
      token: REDACTED,
      refreshToken: REDACTED,
      note: REDACTED,
      email: REDACTED,
      body: REDACTED,
      title: 'Screenshot taken',
    });
    expect(redactor.deep({ nested: [{ apiToken: 'abc', site: 'https://acme.atlassian.net' }] })).toEqual({
      nested: [{ apiToken: REDACTED, site: 'https://acme.atlassian.net' }],
    });
  });
});
