#!/usr/bin/env bash
# Makes sure the system packages Clockhand needs are present (Linux, Debian/Ubuntu packages).
#   --build: only what `npm ci` needs to compile the native modules (keytar links libsecret; better-sqlite3 and
#            keytar build with a C++ toolchain). `npm run setup` runs this before `npm ci`.
#   (none):  everything the tests need as well (Xvfb, D-Bus, gnome-keyring, xdotool, ImageMagick, Chromium...).
# Silent when everything is there. Installs what is missing via apt-get when it can (root, or sudo
# without a password); otherwise prints the one command to run and exits 1.
set -euo pipefail

case "$(uname -s)" in
  Linux) ;;
  Darwin | MINGW* | MSYS* | CYGWIN* | Windows_NT)
    echo "ensure-system-deps: the desktop integration tests need Linux (Xvfb, D-Bus, gnome-keyring, xdotool)." >&2
    echo "ensure-system-deps: on $(uname -s) run them in a Debian 12 container or VM; 'npm test' cannot run here." >&2
    exit 1
    ;;
  *)
    echo "ensure-system-deps: unsupported system '$(uname -s)': the desktop integration tests need Linux." >&2
    exit 1
    ;;
esac

mode="${1:-test}"
case "$mode" in
  --build) mode=build ;;
  test) ;;
  *)
    echo "ensure-system-deps: unknown argument '$mode' (expected --build or nothing)" >&2
    exit 2
    ;;
esac

# command -> Debian package that provides it: the native-module toolchain first, then the test tools.
build_checks=(
  "g++:g++"
  "make:make"
  "pkg-config:pkg-config"
  "python3:python3"
)
test_checks=(
  "Xvfb:xvfb"
  "xdotool:xdotool"
  "xrandr:x11-xserver-utils"
  "xsetroot:x11-xserver-utils"
  "import:imagemagick"
  "dbus-run-session:dbus"
  "dbus-send:dbus"
  "dbus-launch:dbus-x11"
  "gnome-keyring-daemon:gnome-keyring"
  "xprintidle:xprintidle"
  "chromium:chromium"
)

missing=()
add_missing() {
  local pkg="$1" p
  for p in "${missing[@]+"${missing[@]}"}"; do
    [[ "$p" == "$pkg" ]] && return 0
  done
  missing+=("$pkg")
}

checks=("${build_checks[@]}")
if [[ "$mode" == test ]]; then
  checks+=("${test_checks[@]}")
fi

for entry in "${checks[@]}"; do
  cmd="${entry%%:*}"
  pkg="${entry#*:}"
  command -v "$cmd" >/dev/null 2>&1 || add_missing "$pkg"
done

# libsecret headers (keytar builds from source against them)
if ! dpkg-query -W -f='${Status}' libsecret-1-dev 2>/dev/null | grep -q 'ok installed' \
  && ! pkg-config --exists libsecret-1 >/dev/null 2>&1; then
  add_missing libsecret-1-dev
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

apt_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: missing system packages (Debian package names): ${missing[*]}." >&2
  echo "ensure-system-deps: this system has no apt-get; install the equivalents with your package manager, then re-run the command." >&2
  exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
  echo "ensure-system-deps: installing missing system packages: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  echo "ensure-system-deps: installing missing system packages with sudo: ${missing[*]}"
  sudo -n apt-get update
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "ensure-system-deps: missing system packages: ${missing[*]}. Install them, then re-run the command:" >&2
  echo "  sudo sh -c '$apt_cmd'" >&2
  exit 1
fi
