#!/usr/bin/env node
// Validates electron-builder.yml against electron-builder's own JSON schema (packaging itself needs internet).
// Usage: node scripts/validate-builder-config.mjs [file]   exit 0 valid, 1 invalid (errors on stderr)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import yaml from 'js-yaml';

const file = process.argv[2] ?? 'electron-builder.yml';
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const config = yaml.load(readFileSync(file, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (validate(config)) {
  console.log(`${file}: valid electron-builder configuration`);
} else {
  for (const error of validate.errors ?? []) console.error(`${file}: ${error.instancePath || '/'} ${error.message}`);
  process.exit(1);
}
