import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { repoRoot } from '../harness/agent-process';

const documents = new Map<string, Document>();

/**
 * An openapi-backend instance over one of the vendors' official OpenAPI files in test/specs, set up the way these
 * specs need (quick mode, non-strict Ajv with formats: the specs do not pass strict meta-validation).
 */
export async function specValidator(
  file: 'jira-platform-swagger-v3.v3.json' | 'asana_oas.yaml' | 'msgraph-v1.0-teams-messages.pruned-relaxed.json',
): Promise<OpenAPIBackend> {
  let definition = documents.get(file);
  if (definition === undefined) {
    const text = readFileSync(join(repoRoot, 'test', 'specs', file), 'utf8');
    definition = (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as Document;
    documents.set(file, definition);
  }
  const api = new OpenAPIBackend({
    definition,
    quick: true,
    strict: false,
    validate: true,
    ajvOpts: { strict: false, logger: false },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  return api;
}
