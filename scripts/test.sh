#!/usr/bin/env bash
# `npm test`: system deps, typecheck, lint, build, then every test suite inside a private X display
# (Xvfb), a private D-Bus session and an unlocked, throw-away gnome-keyring.
# `bash scripts/test.sh PROJECT...` (e.g. `npm run test:e2e`): system deps, build, and only those vitest projects.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

xvfb_pid=""
tmp_root=""

cleanup() {
  local rc=$?
  if [[ -n "$xvfb_pid" ]] && kill -0 "$xvfb_pid" 2>/dev/null; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  if [[ -n "$tmp_root" ]]; then
    rm -rf "$tmp_root"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# phase NAME COMMAND...: prints a header, runs the command, prints how long it took; stops on failure.
phase() {
  local name="$1" started rc=0
  shift
  echo "== $name"
  started=$(date +%s)
  "$@" || rc=$?
  echo "-- $name: $(($(date +%s) - started))s$([[ $rc -eq 0 ]] || echo ", FAILED (exit $rc)")"
  if [[ $rc -ne 0 ]]; then
    exit "$rc"
  fi
}

# Starts Xvfb on the first free display from :99 upward and exports DISPLAY.
start_xvfb() {
  local n log
  for ((n = 99; n < 199; n++)); do
    if [[ -e "/tmp/.X${n}-lock" || -e "/tmp/.X11-unix/X${n}" ]]; then
      continue
    fi
    log="$tmp_root/xvfb-${n}.log"
    Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >"$log" 2>&1 &
    xvfb_pid=$!
    # Wait until the server answers (up to ~10 s); if it died (e.g. lost a race for the display), try the next one.
    local i
    for ((i = 0; i < 100; i++)); do
      if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        break
      fi
      if DISPLAY=":$n" xrandr --current >/dev/null 2>&1; then
        export DISPLAY=":$n"
        echo "Xvfb on $DISPLAY (pid $xvfb_pid)"
        return 0
      fi
      sleep 0.1
    done
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
    echo "Xvfb did not start on :$n:" >&2
    sed 's/^/  /' "$log" >&2 || true
  done
  echo "could not start Xvfb on any display from :99 to :198" >&2
  return 1
}

# Runs the inner test command in a private D-Bus session with a fresh, unlocked gnome-keyring.
run_tests() {
  local data_home="$tmp_root/xdg-data" runtime_dir="$tmp_root/xdg-runtime"
  mkdir -p "$data_home" "$runtime_dir"
  chmod 700 "$runtime_dir"
  # A fresh XDG_DATA_HOME: an old login keyring in ~/.local/share/keyrings would stay locked.
  # A fresh XDG_RUNTIME_DIR: the keyring daemon's control socket must not touch the user's real session.
  XDG_DATA_HOME="$data_home" XDG_RUNTIME_DIR="$runtime_dir" \
    dbus-run-session -- sh -c 'printf %s test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec bash scripts/test-inner.sh "$@"' sh "$@"
}

total_started=$(date +%s)

phase "system dependencies" bash scripts/ensure-system-deps.sh
if [[ $# -eq 0 ]]; then
  phase "typecheck" npm run --silent typecheck
  phase "lint" npm run --silent lint
  phase "electron audit" npm run --silent audit:electron
fi
phase "build" npm run --silent build

tmp_root="$(mktemp -d "${TMPDIR:-/tmp}/clockhand-test.XXXXXX")"
unset WAYLAND_DISPLAY
start_xvfb

tests_rc=0
phase_started=$(date +%s)
echo "== tests"
run_tests "$@" || tests_rc=$?
echo "-- tests: $(($(date +%s) - phase_started))s$([[ $tests_rc -eq 0 ]] || echo ", FAILED (exit $tests_rc)")"
echo "-- total: $(($(date +%s) - total_started))s"
# Repeat the totals line so it is also the last line of `npm test`'s output.
if [[ -f .test-artifacts/summary.txt ]]; then
  tail -n 1 .test-artifacts/summary.txt
fi
exit "$tests_rc"
