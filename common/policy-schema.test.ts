import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { policyDocumentSchema, policyJsonSchema } from './policy-schema';

const root = join(import.meta.dirname, '..');
const example: unknown = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'policy-example.json'), 'utf8'));

describe('policy schema', () => {
  it('accepts the example from the admin documentation (the public key names)', () => {
    expect(policyDocumentSchema.safeParse(example).success).toBe(true);
  });

  it('docs/policy.schema.json is generated from the zod schema and up to date', () => {
    const committed: unknown = JSON.parse(readFileSync(join(root, 'docs', 'policy.schema.json'), 'utf8'));
    // If this fails: node --import tsx scripts/generate-policy-schema.ts
    expect(committed).toEqual(policyJsonSchema());
  });

  it('the JSON Schema and the zod schema agree on good and bad files', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(policyJsonSchema() as object);
    const cases: [unknown, boolean][] = [
      [example, true],
      [{ version: 1 }, true],
      [{ version: 2 }, false],
      [{ version: 1, screenshots: { mode: 'always' } }, false],
      [{ version: 1, screenshots: { intervalMinutes: 61 } }, false],
      [{ version: 1, activity: { idleMinutes: 2.5 } }, false],
      [{ version: 1, integrations: { allowed: ['trello'] } }, false],
      [{ version: 1, sync: { dailyAt: '6pm' } }, false],
      [{ version: 1, unknownSection: {} }, false],
      [{ version: 1, tracking: { roundingMinutes: 7 } }, false],
    ];
    for (const [document, valid] of cases) {
      expect(policyDocumentSchema.safeParse(document).success, JSON.stringify(document)).toBe(valid);
      expect(validate(document), JSON.stringify(document)).toBe(valid);
    }
  });
});
