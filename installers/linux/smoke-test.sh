#!/usr/bin/env bash
# Smoke test of the Linux installer, for CI and by hand (as root, on Debian/Ubuntu): the installed
# package used as a person would use it.
#
#   installers/linux/smoke-test.sh [--skip-build] [--keep] [SCREENSHOT.png]
#
# 1. Builds the app-image and .deb (./mvnw -B -Ppackage package, unless --skip-build), prints their
#    sizes, and installs the .deb with apt-get (which fetches its dependencies).
# 2. Checks the runtime as packaged holds every module the build derived (target/jpackage/
#    runtime-modules.txt), then, as a fresh non-root user with no keychain (useradd -m, runuser),
#    runs the installed `railyard --version`, `railyard examples`, `init` and `generate`, and checks
#    that the CLI's AppCDS archive is used and that /usr/bin/railyard is the package's sh script
#    (shellcheck), which runs the runtime's java and no dpkg or rpm (strace -f -e trace=execve); the
#    same for the desktop entry's command bin/railyard-desktop.
# 3. Starts the desktop app from the desktop entry's Exec line under Xvfb, as that user: once plain
#    (first frame, idle memory, a screenshot, default target/jpackage/smoke-screenshot.png; JavaFX
#    must not unpack natives into ~/.openjfx), and once in its self-test mode
#    (-Drailyard.selfTest, dev.railyard.ui.SelfTest, its report in self-test.txt), which opens an example, presses Test
#    connection against a stand-in Hetzner API on 127.0.0.1 (installers/linux/stand-in-api.py),
#    walks every wizard step, exports, opens the run screen and the health panel (against the same
#    stand-in's Kubernetes API). It fails on the self-test's verdict and on any exception in the
#    app's output.
# 4. Removes the package with apt-get and checks nothing of it is left in /opt, /usr/bin or the
#    menu, then deletes the user. --keep leaves the package installed (for the start-up benchmark).
# Every step has a timeout.
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
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a .deb and adds a user)"
for tool in apt-get dpkg timeout Xvfb import xwininfo useradd runuser python3 strace shellcheck; do
  command -v "$tool" >/dev/null || fail "$tool missing (apt-get install xvfb imagemagick x11-utils passwd util-linux python3 strace shellcheck)"
done

export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d)
chmod 755 "$work"
user=railyard-smoke
gui_pid='' xvfb_pid='' stand_in_pid='' installed_by_us=no user_made=no
cleanup() {
  local status=$?
  if [ -n "$gui_pid" ]; then kill -9 "$gui_pid" 2>/dev/null || true; fi
  if [ -n "$stand_in_pid" ]; then kill "$stand_in_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ "$installed_by_us" = yes ] && [ "$keep" = no ]; then
    timeout 300 apt-get remove -y -qq railyard >/dev/null 2>&1 || true
  fi
  if [ "$user_made" = yes ]; then userdel -r "$user" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------
if [ "$build" = yes ]; then
  say "building the installers (./mvnw -B -Ppackage package)"
  # the whole log on failure: appcds.sh's self-test of the app-image speaks only at Maven's INFO level
  timeout 3600 ./mvnw -B -Ppackage package -DskipTests >"$work/build.log" 2>&1 \
    || { tail -80 "$work/build.log" >&2; fail "the package build failed (the log's end is above)"; }
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
  timeout 300 apt-get remove -y -qq railyard >/dev/null
fi
say "apt-get install $deb"
installed_by_us=yes
timeout 900 apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >"$work/apt.log" 2>&1 \
  || { tail -20 "$work/apt.log" >&2; fail "apt-get install could not install $deb"; }
dpkg -s railyard 2>/dev/null | grep -q '^Status: install ok installed' || fail "railyard is not installed after apt-get install"
[ -x /opt/railyard/bin/Railyard ] || fail "no /opt/railyard/bin/Railyard"
[ "$(command -v railyard)" = /usr/bin/railyard ] || fail "railyard is not on PATH as /usr/bin/railyard"
desktop=$(find /usr/share/applications -maxdepth 1 -iname '*railyard*.desktop' | head -n 1)
[ -n "$desktop" ] || fail "no desktop entry in /usr/share/applications"
say "desktop entry $desktop: $(grep -E '^(Exec|Categories|Icon|MimeType)=' "$desktop" | tr '\n' ' ')"

# the plan file type (issue 16): the entry opens plans, shared-mime-info knows the globs, so a
# double-click on railyard.yaml or NAME.railyard.yaml opens the app with the file
grep -qx 'MimeType=application/x-railyard-plan;' "$desktop" || fail "the desktop entry has no MimeType=application/x-railyard-plan;"
grep -Eq '^Exec=.* %[fF]$' "$desktop" || fail "the desktop entry's Exec does not take the file (%f)"
for xml in /usr/share/mime/packages/railyard-Railyard-MimeInfo.xml /usr/share/mime/packages/railyard-plan.xml; do
  [ -s "$xml" ] || fail "no shared-mime-info entry $xml"
done
grep -q 'pattern="railyard.yaml"' /usr/share/mime/packages/railyard-plan.xml || fail "no glob for the literal name railyard.yaml"
grep -qx 'application/x-railyard-plan:railyard.yaml' <(cut -d: -f2- /usr/share/mime/globs2) \
  || fail "update-mime-database did not put railyard.yaml into /usr/share/mime/globs2"
grep -qx 'application/x-railyard-plan:\*.railyard.yaml' <(cut -d: -f2- /usr/share/mime/globs2) \
  || fail "update-mime-database did not put *.railyard.yaml into /usr/share/mime/globs2"
# xdg-mime answers as a desktop would only inside one: without a desktop environment it falls back
# to `file`, which knows no shared-mime-info globs; GNOME's branch asks gio (shared-mime-info)
if command -v xdg-mime >/dev/null && command -v gio >/dev/null; then
  mkdir -p "$work/mime" && printf 'apiVersion: railyard.dev/v1\n' > "$work/mime/railyard.yaml" && cp "$work/mime/railyard.yaml" "$work/mime/lab.railyard.yaml"
  for f in railyard.yaml lab.railyard.yaml; do
    type=$(XDG_CURRENT_DESKTOP=GNOME xdg-mime query filetype "$work/mime/$f" 2>/dev/null | cut -d';' -f1)
    [ "$type" = application/x-railyard-plan ] || fail "xdg-mime says $f is '$type', not application/x-railyard-plan"
  done
  say "file type: xdg-mime query filetype (GNOME, gio) railyard.yaml and lab.railyard.yaml = application/x-railyard-plan"
else
  say "file type: desktop entry, shared-mime-info files and globs2 present (no xdg-mime/gio here to query)"
fi

# the runtime as packaged holds every module the build derived with jdeps (issue 15)
modules=target/jpackage/runtime-modules.txt
[ -s "$modules" ] || fail "no $modules: was the package built by this version of installers/package.xml?"
have=$(/opt/railyard/lib/runtime/bin/java --list-modules | sed 's/@.*//')
for m in $(tr ',' ' ' < "$modules"); do
  echo "$have" | grep -qx "$m" || fail "the installed runtime lacks the module $m"
done
say "the installed runtime holds all $(tr ',' '\n' < "$modules" | wc -l) modules the build derived: $(cat "$modules")"

# a fresh user: no keychain (no D-Bus session), nothing in its home
userdel -r "$user" >/dev/null 2>&1 || true
useradd -m -s /bin/bash "$user" || fail "useradd $user failed"
user_made=yes
home=$(getent passwd "$user" | cut -d: -f6)
# as_user SECONDS [VAR=VALUE...] -- COMMAND...: as the fresh user, in the environment a login gives
as_user() {
  local seconds=$1
  shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  (cd "$home" && timeout "$seconds" runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "${envs[@]}" "$@")
}

# --- the command line, without a display ------------------------------------------------------
# /usr/bin/railyard is the package's sh script (installers/linux/railyard.sh), which runs the runtime's
# java directly: the jpackage launcher would ask dpkg/rpm which package owns it at every start
[ "$(readlink /usr/bin/railyard)" = /opt/railyard/bin/railyard ] \
  || fail "/usr/bin/railyard links to '$(readlink /usr/bin/railyard)', not the script /opt/railyard/bin/railyard"
shellcheck -s sh /opt/railyard/bin/railyard || fail "the installed railyard command does not pass shellcheck"
as_user 60 -- strace -f -qq -e trace=execve -o "$home/railyard.strace" railyard --version >/dev/null \
  || fail "railyard --version under strace failed"
execs=$(sed -n 's/.*execve("\([^"]*\)".*/\1/p' "$home/railyard.strace" | sort -u | tr '\n' ' ')
grep -E 'execve\("[^"]*/(dpkg|dpkg-query|rpm)"' "$home/railyard.strace" \
  && fail "railyard --version ran dpkg or rpm (strace: $execs)"
grep -q 'execve("/opt/railyard/lib/runtime/bin/java"' "$home/railyard.strace" \
  || fail "railyard --version did not run /opt/railyard/lib/runtime/bin/java (strace: $execs)"
say "railyard --version runs (strace -f -e trace=execve): $execs"
out=$(as_user 60 -- railyard --version) || fail "railyard --version failed"
say "railyard --version: $(echo "$out" | head -n 1)"
echo "$out" | grep -qx "railyard $version" || fail "railyard --version printed '$out', expected 'railyard $version'"
out=$(as_user 60 -- railyard examples) || fail "railyard examples failed"
echo "$out" | grep -q hetzner-small || fail "railyard examples does not list hetzner-small: $out"
say "railyard examples: $(echo "$out" | awk '{ print $1 }' | tr '\n' ' ')"

# postinst trains and dumps the launchers' AppCDS archives at their final path; a missing or stale
# one would be ignored silently, so check that classes really come from it
for launcher in railyard-cli Railyard; do
  # shellcheck disable=SC2016 # $APPDIR is literal in the .cfg
  archive=$(sed -n 's/^java-options=-XX:SharedArchiveFile=\$APPDIR\///p' "/opt/railyard/lib/app/$launcher.cfg")
  if [ -z "$archive" ]; then
    say "AppCDS: $launcher uses no archive (see target/jpackage/image/appcds.txt)"
    continue
  fi
  [ -s "/opt/railyard/lib/app/$archive" ] || fail "$launcher expects /opt/railyard/lib/app/$archive, which postinst did not make"
  if [ "$launcher" = railyard-cli ]; then
    loads=$(as_user 60 JAVA_TOOL_OPTIONS=-Xlog:class+load=info -- railyard --version 2>/dev/null || true)
    echo "$loads" | grep -q 'dev.railyard.Main source: shared objects file' \
      || fail "the installed CLI does not load its classes from its AppCDS archive $archive"
    say "AppCDS: railyard --version loads $(echo "$loads" | grep -c 'source: shared objects file') classes from $archive ($(du -h "/opt/railyard/lib/app/$archive" | cut -f1))"
  else
    say "AppCDS: $launcher uses $archive ($(du -h "/opt/railyard/lib/app/$archive" | cut -f1))"
  fi
done

as_user 120 -- railyard init --example hetzner-small -o "$home/x.yaml" || fail "railyard init failed"
as_user 180 -- railyard generate "$home/x.yaml" -o "$home/out" || fail "railyard generate failed"
[ -f "$home/out/terraform/main.tf" ] || fail "railyard generate wrote no terraform/main.tf"
say "railyard generate wrote $(find "$home/out" -type f | wc -l) files: $(cd "$home/out" && find . -type f | sort | head -12 | tr '\n' ' ')"

# --- the desktop app under Xvfb, started as the menu would --------------------------------------
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1 | sed 's/ *%[fFuUick]//g')
[ -n "$exec_line" ] || fail "the desktop entry $desktop has no Exec line"
read -r -a gui_cmd <<< "$exec_line"
[ -x "${gui_cmd[0]}" ] || fail "the desktop entry's Exec '${gui_cmd[0]}' is not executable"
display=''
for n in $(seq 91 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
[ -n "$display" ] || fail "no free X display number for Xvfb"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done

# the Exec line runs the package's sh script bin/railyard-desktop (installers/linux/railyard-desktop.sh),
# which runs the runtime's java directly: no dpkg or rpm at start, as for the railyard command
[ "${gui_cmd[0]}" = /opt/railyard/bin/railyard-desktop ] || fail "the desktop entry's Exec runs '${gui_cmd[0]}', not /opt/railyard/bin/railyard-desktop"
shellcheck -s sh "${gui_cmd[0]}" || fail "the desktop entry's ${gui_cmd[0]} does not pass shellcheck"
as_user 120 DISPLAY="$display" JAVA_TOOL_OPTIONS="-Drailyard.firstFrameFile=$home/strace-frame -Drailyard.exitAfterFirstFrame=true" \
  -- strace -f -qq -e trace=execve -o "$home/desktop.strace" "${gui_cmd[@]}" >/dev/null 2>&1 || true
[ -s "$home/strace-frame" ] || fail "the desktop app under strace reported no first frame"
execs=$(sed -n 's/.*execve("\([^"]*\)".*/\1/p' "$home/desktop.strace" | sort -u | tr '\n' ' ')
grep -E 'execve\("[^"]*/(dpkg|dpkg-query|rpm)"' "$home/desktop.strace" \
  && fail "the desktop entry's command ran dpkg or rpm (strace: $execs)"
say "the desktop entry's command runs (strace -f -e trace=execve, up to its first frame): $execs"

# Java prints stack traces as "...Exception: ..." and "\tat ..." lines, JavaFX "Exception in thread".
# Vert.x's warning that an event loop was slow (a busy machine) carries a stack trace that is no error.
exceptions() {
  grep -E '(Exception|Error)(:|$)|^[[:space:]]+at |^Caused by:|Exception in thread' "$1" \
    | grep -vE 'io\.vertx\.core\.VertxException: Thread blocked|^[[:space:]]+at ' || true
}
rss_kib() {   # VmRSS of a process and its children
  local total=0 pid kib
  for pid in "$1" $(pgrep -P "$1" || true); do
    kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}

# a plain start: first frame, idle memory, screenshot
frame=$home/first-frame
started=$(date +%s%3N)
runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" \
  JAVA_TOOL_OPTIONS="-Drailyard.firstFrameFile=$frame" "${gui_cmd[@]}" >"$work/gui.out" 2>&1 &
gui_pid=$!
for _ in $(seq 120); do
  [ -s "$frame" ] && break
  kill -0 "$gui_pid" 2>/dev/null || break
  sleep 0.5
done
[ -s "$frame" ] || { tail -20 "$work/gui.out" >&2; fail "the desktop app reported no first frame within 60 s"; }
say "desktop app from the menu entry's Exec: first frame $(( $(tr -dc 0-9 < "$frame") - started )) ms after start"
sleep 3
app_pid=$(pgrep -u "$user" -x java | head -n 1 || true)
[ -n "$app_pid" ] || { tail -20 "$work/gui.out" >&2; fail "the desktop app exited after showing its window"; }
say "desktop app idle RSS 3 s after its first frame: $(( $(rss_kib "$app_pid") / 1024 )) MiB"
mkdir -p "$(dirname "$screenshot")"
DISPLAY=$display timeout 30 import -window root "$screenshot" || fail "import could not take a screenshot"
[ -s "$screenshot" ] || fail "the screenshot $screenshot is empty"
say "screenshot of the desktop app: $screenshot"
[ ! -e "$home/.openjfx" ] || fail "JavaFX unpacked its native libraries into ~/.openjfx instead of using the runtime's"
kill "$app_pid" 2>/dev/null || true
for _ in $(seq 20); do kill -0 "$gui_pid" 2>/dev/null || break; sleep 0.5; done
kill -9 "$app_pid" 2>/dev/null || true
wait "$gui_pid" 2>/dev/null || true
gui_pid=
found=$(exceptions "$work/gui.out")
[ -z "$found" ] || { cat "$work/gui.out" >&2; fail "exceptions in the desktop app's output: $found"; }

# the self-test: the installed app drives its own window, against a stand-in for the cloud and
# Kubernetes APIs on 127.0.0.1 (nothing here reaches an outside address)
stand_in_dir=$work/stand-in
mkdir -p "$stand_in_dir"
python3 installers/linux/stand-in-api.py "$stand_in_dir/port" "$stand_in_dir/requests.log" &
stand_in_pid=$!
for _ in $(seq 50); do [ -s "$stand_in_dir/port" ] && break; sleep 0.2; done
[ -s "$stand_in_dir/port" ] || fail "the stand-in API did not start"
port=$(cat "$stand_in_dir/port")
self_test=$home/self-test
runuser -u "$user" -- mkdir -p "$self_test"
printf '%s\n' 'apiVersion: v1' 'kind: Config' 'clusters:' '- name: stand-in' '  cluster:' \
  "    server: http://127.0.0.1:$port" 'users:' '- name: stand-in' '  user:' '    token: stand-in-token' \
  'contexts:' '- name: stand-in' '  context:' '    cluster: stand-in' '    user: stand-in' \
  'current-context: stand-in' > "$self_test/kubeconfig"
chown "$user" "$self_test/kubeconfig"
chmod 600 "$self_test/kubeconfig"
say "self-test of the installed app, against the stand-in API on 127.0.0.1:$port"
status=0
timeout 600 runuser -u "$user" -- env -i HOME="$home" USER="$user" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" \
  RAILYARD_VAULT_PASSPHRASE=smoke-test-vault-passphrase \
  JAVA_TOOL_OPTIONS="-Drailyard.selfTest=$self_test -Drailyard.hetzner.url=http://127.0.0.1:$port" \
  "${gui_cmd[@]}" >"$work/self-test.out" 2>&1 || status=$?
report=$self_test/self-test.txt
[ -f "$report" ] && sed 's/^/smoke-test: self-test: /' "$report"
if [ "$status" != 0 ] || ! grep -qx 'PASSED' "$report"; then
  cat "$work/self-test.out" >&2
  fail "the installed app's self-test failed (exit $status)"
fi
found=$(exceptions "$work/self-test.out")
[ -z "$found" ] || { cat "$work/self-test.out" >&2; fail "exceptions in the installed app's output during its self-test: $found"; }
grep -q '^GET /v1/server_types.* 200$' "$stand_in_dir/requests.log" || fail "Test connection never reached the stand-in Hetzner API"
grep -q '^GET /api/v1/nodes.* 200' "$stand_in_dir/requests.log" || fail "the health panel never reached the stand-in Kubernetes API"
grep -q '^ok run screen: Preflight failed, nothing was created' "$report" \
  || fail "the run screen did not stop at preflight in a home without an SSH key or the plan's secrets"
[ -f "$self_test/export/terraform/main.tf" ] || fail "the self-test's export has no terraform/main.tf"
kill "$stand_in_pid" 2>/dev/null || true
stand_in_pid=

# --- remove -----------------------------------------------------------------------------------
if [ "$keep" = yes ]; then
  say "leaving railyard installed (--keep)"
  exit 0
fi
timeout 300 apt-get remove -y -qq railyard >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get remove railyard failed"; }
installed_by_us=no
[ ! -e /opt/railyard ] || fail "/opt/railyard is still there after apt-get remove: $(find /opt/railyard | head -5)"
if [ -e /usr/bin/railyard ] || [ -L /usr/bin/railyard ]; then fail "/usr/bin/railyard is still there after apt-get remove"; fi
left=$(find /usr/share/applications /usr/share/mime/packages -maxdepth 1 -iname '*railyard*' | head -n 1)
[ -z "$left" ] || fail "$left is still there after apt-get remove"
say "removed cleanly; all checks passed"
