import { describe, expect, it } from 'vitest';
import { firstPostAt, HELD } from './post-schedule';
import { JIRA_STARTED_PATTERN, jiraDateTime, worklogComment, worklogMinutes } from './worklog-rules';
import { backoffMs, retryAfterMs, TokenBucket } from './rate-limits';

const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => new Date(y, mo - 1, d, h, mi, s).getTime();

describe('worklog rules', () => {
  it('formats started as local time with milliseconds and a colon-free offset, in every zone the suite runs in', () => {
    for (const instant of [local(2026, 1, 17, 12, 34), local(2026, 7, 1, 0, 0, 5), local(2026, 4, 5, 2, 30)]) {
      const text = jiraDateTime(instant);
      expect(text).toMatch(JIRA_STARTED_PATTERN);
      // Parsing it back (with the colon Date.parse wants) gives the same instant.
      expect(Date.parse(text.replace(/(\d{2})(\d{2})$/, '$1:$2'))).toBe(instant);
    }
  });

  it('rounds to whole minutes or to the step, never below one step', () => {
    const at = local(2026, 11, 24, 9);
    expect(worklogMinutes(at, at + 10_000, 0)).toBe(1);
    expect(worklogMinutes(at, at + 89_000, 1)).toBe(1);
    expect(worklogMinutes(at, at + 91_000, 0)).toBe(2);
    expect(worklogMinutes(at, at + 7 * 60_000, 5)).toBe(5);
    expect(worklogMinutes(at, at + 8 * 60_000, 5)).toBe(10);
    expect(worklogMinutes(at, at + 2 * 60_000, 15)).toBe(15);
    expect(worklogMinutes(at, at + 53 * 60_000, 15)).toBe(60);
  });

  it('says something in an empty comment', () => {
    expect(worklogComment(null)).toBe('Logged with Clockhand');
    expect(worklogComment('  ')).toBe('Logged with Clockhand');
    expect(worklogComment('Fixed the build')).toBe('Fixed the build');
  });
});

describe('when changes are posted', () => {
  it('on stop at once; daily at the next posting time; held for review', () => {
    const morning = local(2026, 11, 24, 9, 15);
    expect(firstPostAt('on-stop', '18:00', morning)).toBe(morning);
    expect(firstPostAt('daily', '18:00', morning)).toBe(local(2026, 11, 24, 18, 0));
    expect(firstPostAt('daily', '08:00', morning)).toBe(local(2026, 11, 25, 8, 0));
    expect(firstPostAt('review', '18:00', morning)).toBe(HELD);
  });

  it('a daily time skipped by a DST change posts at the end of that day, not never', () => {
    // 02:30 does not exist on the spring-forward day in New York (2026-03-08); Lord Howe skips 02:00-02:30 on 2026-10-04.
    for (const day of [local(2026, 3, 8, 0, 10), local(2026, 10, 4, 0, 10)]) {
      const at = firstPostAt('daily', '02:15', day);
      expect(at).toBeGreaterThan(day);
      expect(at - day).toBeLessThan(25 * 3_600_000);
    }
  });
});

describe('rate limits', () => {
  it('a token bucket allows its burst, then its rate', () => {
    const bucket = new TokenBucket(10, 3);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].every((t) => t.ok)).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, waitMs: 100 });
    expect(bucket.take(100).ok).toBe(true);
  });

  it('reads Retry-After in seconds or as a date, then X-RateLimit-Reset, capped at an hour', () => {
    const now = Date.UTC(2026, 10, 22, 10, 30, 0);
    expect(retryAfterMs({ 'Retry-After': '2' }, now)).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': 'Sun, 22 Nov 2026 10:30:05 GMT' }, now)).toBe(5_000);
    expect(retryAfterMs({ 'x-ratelimit-reset': '2026-11-22T10:31Z' }, now)).toBe(60_000);
    expect(retryAfterMs({ 'retry-after': '999999' }, now)).toBe(3_600_000);
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeNull();
    expect(retryAfterMs({}, now)).toBeNull();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(1, () => 0.999)).toBeLessThan(1_000);
    expect(backoffMs(4, () => 0.999)).toBeGreaterThan(7_000);
    expect(backoffMs(40, () => 0.999)).toBeLessThanOrEqual(15 * 60_000);
    expect(backoffMs(40, () => 0)).toBe(0);
  });
});
