#!/usr/bin/env node
// Reads vitest JSON reports (--reporter=json) and prints one line per run, then, alone on the last line,
// "N passed, N failed, N skipped" over all runs (CI reads that line).
//
// Usage: node scripts/summarize-vitest.mjs .test-artifacts/<name>.json ...
// A file <name>.exit next to a report, if present, holds that vitest run's exit code (written by test-inner.sh).
//
// Exits 1 when: a test failed; a test file failed to load; a report is missing or unreadable; vitest exited
// non-zero although no test failed (an unhandled error, no test files); no test ran at all; or, when CI is set,
// any test was skipped or todo (a skipped test in CI is a failure). Run-level problems count as one failure each,
// so the totals line never says "0 failed" for a run that failed.
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

const files = process.argv.slice(2);
const ciValue = (process.env.CI ?? '').trim().toLowerCase();
const inCi = ciValue !== '' && ciValue !== 'false' && ciValue !== '0';

const out = [];
const problems = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

if (files.length === 0) {
  problems.push('no report files were given');
}

for (const file of files) {
  const name = basename(file).replace(/\.json$/, '');
  const exitFile = file.replace(/\.json$/, '') + '.exit';
  const exitCode = existsSync(exitFile) ? Number.parseInt(readFileSync(exitFile, 'utf8').trim(), 10) : undefined;
  const run = { passed: 0, failed: 0, skipped: 0 };
  const notes = [];

  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error && error.code === 'ENOENT' ? 'report missing' : `report unreadable (${error.message})`;
    run.failed += 1;
    notes.push(`${why}: ${file}${exitCode === undefined ? '' : ` (vitest exited ${exitCode})`}`);
    problems.push(`${name}: ${why}`);
  }

  if (report !== undefined) {
    const testFiles = Array.isArray(report.testResults) ? report.testResults : [];
    for (const testFile of testFiles) {
      const where = typeof testFile.name === 'string' ? relative(process.cwd(), testFile.name) : '(unknown file)';
      const assertions = Array.isArray(testFile.assertionResults) ? testFile.assertionResults : [];
      let failedHere = 0;
      for (const test of assertions) {
        const title = test.fullName || test.title || '(unnamed test)';
        switch (test.status) {
          case 'passed':
            run.passed += 1;
            break;
          case 'failed':
            run.failed += 1;
            failedHere += 1;
            notes.push(`FAILED ${where} > ${title}`);
            break;
          default: // skipped, pending, todo, disabled
            run.skipped += 1;
            if (inCi) {
              notes.push(`SKIPPED in CI (${test.status}) ${where} > ${title}`);
            }
        }
      }
      if (testFile.status === 'failed' && failedHere === 0) {
        run.failed += 1;
        const message = String(testFile.message || 'no message').split('\n')[0];
        notes.push(`FAILED ${where}: the file failed outside its tests: ${message}`);
      }
    }
    if (run.failed > 0) {
      problems.push(`${name}: ${run.failed} failed`);
    }
    if (exitCode !== undefined && exitCode !== 0 && run.failed === 0) {
      run.failed += 1;
      notes.push(`vitest exited ${exitCode} although no test failed (unhandled error or no test files? see its output above)`);
      problems.push(`${name}: vitest exited ${exitCode}`);
    }
    if (inCi && run.skipped > 0) {
      problems.push(`${name}: ${run.skipped} skipped or todo while CI is set`);
    }
  }

  totals.passed += run.passed;
  totals.failed += run.failed;
  totals.skipped += run.skipped;
  out.push(`${name}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
  for (const note of notes) out.push(`  ${note}`);
}

if (files.length > 0 && totals.passed + totals.failed + totals.skipped === 0) {
  problems.push('no tests ran at all');
}

if (problems.length > 0) {
  out.push(`NOT OK: ${problems.join('; ')}`);
}
out.push(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.stdout.write(out.join('\n') + '\n');
process.exitCode = problems.length > 0 ? 1 : 0;
