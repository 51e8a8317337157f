#!/usr/bin/env bash
# Runs every vitest project (scripts/test.sh runs this inside Xvfb + a private D-Bus session + keyring).
# All runs happen even when one fails; scripts/summarize-vitest.mjs then prints the totals and decides.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

artifacts=.test-artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"

reports=()

# run NAME TZ PROJECT: one vitest run of one project under one time zone, JSON report in $artifacts/NAME.json.
run() {
  local name="$1" tz="$2" project="$3" rc=0
  reports+=("$artifacts/$name.json")
  echo
  echo "== vitest $project (TZ=$tz) -> $artifacts/$name.json"
  # Make sure Node really runs in that zone: a zone it cannot resolve silently falls back to UTC, which would
  # make the time-zone runs pass without testing anything.
  if ! TZ="$tz" node -e 'const tz = Intl.DateTimeFormat().resolvedOptions().timeZone; if (tz !== process.env.TZ) { console.error(`Node resolves TZ=${process.env.TZ} to ${tz}`); process.exit(1); }'; then
    echo 2 >"$artifacts/$name.exit"
    return 0
  fi
  TZ="$tz" npx --no-install vitest run --project "$project" \
    --reporter=default --reporter=json --outputFile="$artifacts/$name.json" </dev/null || rc=$?
  # The summary reads the exit code too: vitest can fail outside any test (unhandled errors, no test files).
  echo "$rc" >"$artifacts/$name.exit"
}

# With project names as arguments (e.g. `npm run test:e2e`), only those run.
if [[ $# -gt 0 ]]; then
  for project in "$@"; do
    run "$project" Europe/Berlin "$project"
  done
else
  run core-new-york America/New_York core
  run core-lord-howe Australia/Lord_Howe core
  run ui Europe/Berlin ui
  run integration Europe/Berlin integration
  if grep -Eq "name:[[:space:]]*['\"]e2e['\"]" vitest.config.ts; then
    run e2e Europe/Berlin e2e
  fi
fi

echo
echo "== summary"
summary_rc=0
node scripts/summarize-vitest.mjs "${reports[@]}" | tee "$artifacts/summary.txt" || summary_rc=$?
exit "$summary_rc"
