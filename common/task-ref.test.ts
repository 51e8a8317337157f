import { describe, expect, it } from 'vitest';
import { parseTaskRef } from './task-ref';

describe('task references', () => {
  it.each([
    ['jira:PROJ-123', 'jira:PROJ-123'],
    ['jira: AB_2-7 ', 'jira:AB_2-7'],
    ['asana:1204567890123', 'asana:1204567890123'],
    ['local:Write the report', 'local:Write the report'],
    ['local:  padded  ', 'local:padded'],
  ])('accepts %s', (input, canonical) => {
    const parsed = parseTaskRef(input);
    expect(parsed.ok && parsed.canonical).toBe(canonical);
  });

  it.each([
    ['PROJ-123', /must look like/],
    ['jira:proj-1', /not a Jira issue key/],
    ['jira:PROJ-0', /not a Jira issue key/],
    ['jira:PROJ', /not a Jira issue key/],
    ['asana:12ab', /not an Asana task gid/],
    ['local:', /needs a name/],
    ['local:a\u0007b', /control characters/],
    [`local:${'x'.repeat(201)}`, /at most 200/],
    ['github:1', /unknown task provider "github"/],
    [':x', /must look like/],
  ])('rejects %s clearly', (input, message) => {
    const parsed = parseTaskRef(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
