import { readFileSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { basename, join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ConnectionDto, PolicyView, SyncView } from '../../../common/dto';
import type { Redactor } from '../../core/logging/redactor';
import { LOGS_DIR, logFiles } from './log-files';
import { writeFileAtomic } from './write-file-atomic';

/** At most this much of the newest log lines goes into a bundle. */
export const MAX_BUNDLE_LOG_BYTES = 2 * 1024 * 1024;

/** What the running agent answered (null: no agent was running, or it did not answer that). */
export interface DiagnosticsInputs {
  readonly version: string;
  readonly policy: PolicyView | null;
  readonly connections: readonly ConnectionDto[] | null;
  readonly outbox: SyncView | null;
  readonly agentProblem: string | null;
}

/**
 * `clockhand diagnostics --out FILE.zip`: the app version, the OS, the effective policy (secrets are never in it),
 * connection states (provider, site, state: no account names), the outbox counts, and the newest log lines, each
 * redacted again. Nothing else. Written to a temp file renamed into place.
 */
export function writeDiagnosticsBundle(out: string, dataDir: string, inputs: DiagnosticsInputs, redactor: Redactor, now: number): string[] {
  const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(redactor.deep(value), null, 2)}\n`);
  const files: Zippable = {
    'about.json': json({
      app: 'Clockhand',
      version: inputs.version,
      createdAt: new Date(now).toISOString(),
      os: { platform: platform(), release: release(), arch: arch() },
      node: process.versions.node,
      agent: inputs.agentProblem ?? 'running',
    }),
    'policy.json': json(inputs.policy === null ? { unavailable: inputs.agentProblem } : policySummary(inputs.policy)),
    'connections.json': json(
      inputs.connections === null
        ? { unavailable: inputs.agentProblem }
        : inputs.connections.map((c) => ({
            id: c.id,
            provider: c.provider,
            auth: c.auth,
            site: c.site,
            state: c.state,
            stateReason: c.stateReason,
            checkedAt: c.checkedAt,
          })),
    ),
    'outbox.json': json(
      inputs.outbox === null ? { unavailable: inputs.agentProblem } : { counts: inputs.outbox.counts, problems: inputs.outbox.problems },
    ),
  };
  let budget = MAX_BUNDLE_LOG_BYTES;
  for (const path of logFiles(join(dataDir, LOGS_DIR))) {
    if (budget <= 0) break;
    const text = readTail(path, budget);
    const clean = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => redactor.text(line).slice(0, 10_000))
      .join('\n');
    files[`logs/${basename(path)}`] = strToU8(`${clean}\n`);
    budget -= text.length;
  }
  const zip = zipSync(files, { level: 6 });
  writeFileAtomic(out, zip, 0o600);
  return Object.keys(files);
}

function policySummary(view: PolicyView): unknown {
  return {
    problem: view.problem,
    sources: view.sources.map((s) => ({ scope: s.scope, location: s.location, state: s.state, error: s.error, appliedAt: s.appliedAt })),
    settings: view.settings.map((s) => ({ key: s.key, value: s.value, source: s.source, locked: s.locked })),
  };
}

function readTail(path: string, maxBytes: number): string {
  const size = statSync(path).size;
  const text = readFileSync(path, 'utf8');
  if (size <= maxBytes) return text;
  const tail = text.slice(text.length - maxBytes);
  return tail.slice(tail.indexOf('\n') + 1);
}
