#!/usr/bin/env node
// `npm run audit:electron`: Electronegativity over the Electron-facing sources, offline, pinned to our Electron
// version. Fails (exit 1) on any HIGH or MEDIUM finding that security/electronegativity-allowlist.json does not
// explain; a stale allowlist entry (matching nothing) fails too, so the file stays reviewed.
// Runs the package's programmatic API: its CLI breaks on the commander version our CLI pins (it does not declare one).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// Usage: node scripts/audit-electron.mjs [SOURCE_ROOT]   (another root: the test's fixture with a planted finding)
const root = process.argv[2] ?? repo;
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const allowlistFile = join(root, 'security', 'electronegativity-allowlist.json');
const allowlist = JSON.parse(readFileSync(allowlistFile, 'utf8'));
// The one check that fetches release data from the internet; the Electron version is pinned instead.
const OFFLINE_EXCLUDES = ['availablesecurityfixesglobalcheck'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

// Sources only: no tests (their stand-ins for Electron would be findings), no build output (the tool misses windows
// in compiled CommonJS), plus the renderer's HTML for the CSP checks.
const scanDir = mkdtempSync(join(tmpdir(), 'clockhand-eneg-'));
const keep = (source) => !/\.test\.ts$/.test(source) && !source.includes('node_modules');
for (const dir of ['main', 'preload', 'common']) {
  if (existsSync(join(root, dir))) cpSync(join(root, dir), join(scanDir, dir), { recursive: true, filter: keep });
}
cpSync(join(root, 'renderer', 'index.html'), join(scanDir, 'renderer', 'index.html'));
cpSync(join(root, 'package.json'), join(scanDir, 'package.json'));

const started = Date.now();
let result;
try {
  const run = require('@doyensec/electronegativity');
  const quiet = console.log;
  console.log = () => undefined; // the library prints a translations warning; the report below is ours
  try {
    result = await run({
      input: scanDir,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: OFFLINE_EXCLUDES,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
  }
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}

const findings = result.issues.map((issue) => ({
  check: issue.id,
  file: issue.file,
  line: issue.location.line,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  manualReview: issue.manualReview,
}));
const allowed = (finding) => allowlist.find((entry) => entry.check === finding.check && entry.file === finding.file);
const failing = findings.filter((finding) => FAILING.has(finding.severity) && allowed(finding) === undefined);
const stale = allowlist.filter((entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file));
for (const finding of findings) {
  const entry = allowed(finding);
  const verdict = FAILING.has(finding.severity) ? (entry === undefined ? 'FAIL' : 'allowed') : 'info';
  console.log(
    `${verdict.padEnd(7)} ${finding.severity.padEnd(11)} ${finding.check} ${finding.file}:${finding.line}${entry === undefined ? '' : ` — ${entry.reason}`}`,
  );
}
for (const entry of stale) console.log(`STALE   allowlist entry matches nothing: ${entry.check} ${entry.file}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}, offline): ${findings.length} finding(s), ${failing.length} failing, ${stale.length} stale allowlist entr${stale.length === 1 ? 'y' : 'ies'}, ${result.errors.length} parse error(s), ${seconds} s`,
);
for (const error of result.errors) console.log(`parse error: ${JSON.stringify(error).slice(0, 300)}`);
process.exit(failing.length > 0 || stale.length > 0 || result.errors.length > 0 ? 1 : 0);
