#!/usr/bin/env bash
# Smoke test of the Linux installers, for CI and by hand (as root, on Debian/Ubuntu):
#
#   installers/linux/smoke-test.sh [--skip-build] [--keep] [SCREENSHOT.png]
#
# Builds the app-image and .deb (./mvnw -B -Ppackage package, unless --skip-build), prints both
# sizes, installs the .deb with dpkg -i (apt-get install -f for missing dependencies), runs the
# installed `railyard --version`, `railyard init` and `railyard generate` without a display, checks
# the AppCDS archive is used when one was shipped, starts the desktop app under Xvfb and saves a
# screenshot of the screen (default target/jpackage/smoke-screenshot.png), then removes the
# package with dpkg -r and checks that nothing of it is left in /opt, /usr/bin or the menu.
# --keep leaves the package installed (for the start-up benchmark). Every step has a timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=yes keep=no screenshot=target/jpackage/smoke-screenshot.png
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=no ;;
    --keep) keep=yes ;;
    -*) echo "smoke-test: unknown option $arg" >&2; exit 64 ;;
    *) screenshot=$arg ;;
  esac
done

say() { echo "smoke-test: $*"; }
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a .deb)"
for tool in dpkg timeout Xvfb import xwininfo; do
  command -v "$tool" >/dev/null || fail "$tool missing (apt-get install xvfb imagemagick x11-utils)"
done

export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d)
gui_pid='' xvfb_pid='' installed_by_us=no
cleanup() {
  local status=$?
  if [ -n "$gui_pid" ]; then kill -9 "$gui_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ "$installed_by_us" = yes ] && [ "$keep" = no ]; then
    timeout 300 dpkg -r railyard >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------
if [ "$build" = yes ]; then
  say "building the installers (./mvnw -B -Ppackage package)"
  timeout 3600 ./mvnw -B -q -Ppackage package -DskipTests || fail "the package build failed"
fi
image=target/jpackage/image/Railyard
deb=$(find target/jpackage/dist -maxdepth 1 -name 'railyard_*.deb' | head -n 1)
[ -d "$image" ] || fail "no app-image at $image"
[ -n "$deb" ] || fail "no .deb in target/jpackage/dist"
version=$(sed -n 's/^version=//p' target/classes/railyard-version.properties)
[ -n "$version" ] || fail "no version in target/classes/railyard-version.properties"

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
say "app-image size: $(mib "$(du -sb "$image" | cut -f1)") ($image)"
say ".deb size:      $(mib "$(stat -c %s "$deb")") ($deb)"
for rpm in target/jpackage/dist/*.rpm; do
  [ -e "$rpm" ] && say ".rpm size:      $(mib "$(stat -c %s "$rpm")") ($rpm)"
done
[ -f target/jpackage/image/appcds.txt ] && sed 's/^/smoke-test: appcds: /' target/jpackage/image/appcds.txt

# --- install ----------------------------------------------------------------------------------
if dpkg -s railyard 2>/dev/null | grep -q '^Status: install ok installed'; then
  say "removing an earlier railyard package first"
  timeout 300 dpkg -r railyard >/dev/null
fi
say "dpkg -i $deb"
installed_by_us=yes
if ! timeout 300 dpkg -i "$deb"; then
  say "installing missing dependencies (apt-get install -f)"
  timeout 900 apt-get install -f -y -qq --no-install-recommends || fail "apt-get install -f could not complete the installation"
fi
dpkg -s railyard 2>/dev/null | grep -q '^Status: install ok installed' || fail "railyard is not installed after dpkg -i"
[ -x /opt/railyard/bin/Railyard ] || fail "no /opt/railyard/bin/Railyard"
[ "$(command -v railyard)" = /usr/bin/railyard ] || fail "railyard is not on PATH as /usr/bin/railyard"
desktop=$(find /usr/share/applications -maxdepth 1 -iname '*railyard*.desktop' | head -n 1)
[ -n "$desktop" ] || fail "no desktop entry in /usr/share/applications"
say "desktop entry $desktop: $(grep -E '^(Categories|Icon)=' "$desktop" | tr '\n' ' ')"

# --- the command line, without a display ------------------------------------------------------
out=$(env -u DISPLAY timeout 60 railyard --version) || fail "railyard --version failed"
say "railyard --version: $(echo "$out" | head -n 1)"
echo "$out" | grep -qx "railyard $version" || fail "railyard --version printed '$out', expected 'railyard $version'"

# the package's postinst dumps the AppCDS archive at its final path; a missing or stale one would
# be ignored silently, so check that classes really come from it
if grep -q 'SharedArchiveFile=' /opt/railyard/lib/app/railyard-cli.cfg; then
  [ -s /opt/railyard/lib/app/railyard.jsa ] || fail "the launchers expect /opt/railyard/lib/app/railyard.jsa, which postinst did not make"
  loads=$(env -u DISPLAY JAVA_TOOL_OPTIONS=-Xlog:class+load=info timeout 60 railyard --version 2>/dev/null || true)
  echo "$loads" | grep -q 'dev.railyard.Main source: shared objects file' \
    || fail "the installed CLI does not load its classes from the AppCDS archive railyard.jsa"
  say "AppCDS: railyard --version loads $(echo "$loads" | grep -c 'source: shared objects file') classes from railyard.jsa ($(du -h /opt/railyard/lib/app/railyard.jsa | cut -f1))"
else
  say "AppCDS: the package ships no archive (see target/jpackage/image/appcds.txt)"
fi

(cd "$work" && env -u DISPLAY timeout 120 railyard init --example hetzner-small -o "$work/x.yaml") || fail "railyard init failed"
env -u DISPLAY timeout 180 railyard generate "$work/x.yaml" -o "$work/out" || fail "railyard generate failed"
[ -d "$work/out" ] || fail "railyard generate created no output folder"
say "railyard generate wrote $(find "$work/out" -type f | wc -l) files: $(cd "$work/out" && find . -type f | sort | head -12 | tr '\n' ' ')"

# --- the desktop app under Xvfb ---------------------------------------------------------------
for n in $(seq 91 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
mkdir -p "$work/home"
# a fresh HOME shows whether JavaFX loads its natives from the runtime (it would unpack them
# into ~/.openjfx otherwise)
DISPLAY=$display HOME="$work/home" JAVA_TOOL_OPTIONS="-Drailyard.firstFrameFile=$work/first-frame" \
  /opt/railyard/bin/Railyard >"$work/gui.out" 2>&1 &
gui_pid=$!
shown=no
for _ in $(seq 120); do
  if [ -s "$work/first-frame" ] || DISPLAY=$display timeout 10 xwininfo -root -tree 2>/dev/null | grep -q '"Railyard'; then
    shown=yes
    break
  fi
  kill -0 "$gui_pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$shown" = no ]; then
  tail -20 "$work/gui.out" >&2
  fail "the desktop app showed no window within 60 s"
fi
sleep 3   # let it paint past the first frame
kill -0 "$gui_pid" 2>/dev/null || { tail -20 "$work/gui.out" >&2; fail "the desktop app exited after showing its window"; }
mkdir -p "$(dirname "$screenshot")"
DISPLAY=$display timeout 30 import -window root "$screenshot" || fail "import could not take a screenshot"
[ -s "$screenshot" ] || fail "the screenshot $screenshot is empty"
say "screenshot of the desktop app: $screenshot"
[ ! -e "$work/home/.openjfx" ] || fail "JavaFX unpacked its native libraries into ~/.openjfx instead of using the runtime's"
kill "$gui_pid" 2>/dev/null || true
for _ in $(seq 20); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.5; done
kill -9 "$gui_pid" 2>/dev/null || true
gui_pid=

# --- remove -----------------------------------------------------------------------------------
if [ "$keep" = yes ]; then
  say "leaving railyard installed (--keep)"
  exit 0
fi
timeout 300 dpkg -r railyard || fail "dpkg -r railyard failed"
installed_by_us=no
[ ! -e /opt/railyard ] || fail "/opt/railyard is still there after dpkg -r: $(find /opt/railyard | head -5)"
if [ -e /usr/bin/railyard ] || [ -L /usr/bin/railyard ]; then fail "/usr/bin/railyard is still there after dpkg -r"; fi
left=$(find /usr/share/applications -maxdepth 1 -iname '*railyard*' | head -n 1)
[ -z "$left" ] || fail "$left is still there after dpkg -r"
say "removed cleanly; all checks passed"
