// Writes docs/policy.schema.json from the zod schema in common/policy-schema.ts.
// Run: node --import tsx scripts/generate-policy-schema.ts   (a test fails when the committed file is out of date)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyJsonSchema } from '../common/policy-schema';

const target = join(import.meta.dirname, '..', 'docs', 'policy.schema.json');
writeFileSync(target, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
