#!/usr/bin/env bash
# AppCDS for the Linux app-image, run by `./mvnw -Ppackage package` before the .deb/.rpm are made.
#
#   installers/linux/appcds.sh target/jpackage/image/Railyard
#
# A JDK 17 class-data-sharing archive maps only for the exact class path it was dumped with, so the
# archives are made by the package's postinst at their final path (make-archives.sh, copied into the
# image's lib/app). What is made here:
# - lib/app/railyard.classlist, the classes the desktop app loads while it walks its wizard: the
#   app-image's own self-test (-Drailyard.selfTest, dev.railyard.ui.SelfTest) under Xvfb, against
#   the stand-in API (stand-in-api.py) on 127.0.0.1. A failing self-test fails the build: the
#   runtime as packaged cannot run the app.
# - the decision whether each archive pays: make-archives.sh makes both here, and start-up is timed
#   with and without them, interleaved (medians of RAILYARD_CDS_RUNS=10 runs of `railyard-cli
#   --version` and `generate` on the medium example, RAILYARD_CDS_GUI_RUNS=5 first frames). An
#   archive that makes neither of its launcher's starts at least 5% faster is dropped; a kept one
#   is named in its launcher's .cfg (-XX:SharedArchiveFile=$APPDIR/... -Xshare:auto -Xlog:cds*=off,
#   so a missing or stale archive is ignored silently, never fatal).
# RAILYARD_APPCDS=off skips all of it. Every run is bounded by `timeout`; the report is also
# written to target/jpackage/image/appcds.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
image=$(cd "${1:?usage: appcds.sh APP_IMAGE_DIR}" && pwd)
app="$image/lib/app"
cli="$image/bin/railyard-cli"
gui="$image/bin/Railyard"
java="$image/lib/runtime/bin/java"
classlist="$app/railyard.classlist"
runs=${RAILYARD_CDS_RUNS:-10}
gui_runs=${RAILYARD_CDS_GUI_RUNS:-5}
report="$(dirname "$image")/appcds.txt"

if [ "${RAILYARD_APPCDS:-on}" = off ]; then
  echo "appcds: skipped (RAILYARD_APPCDS=off)"
  exit 0
fi
if [ ! -x "$cli" ] || [ ! -x "$gui" ] || [ ! -x "$java" ]; then
  echo "appcds: $image has no bin/railyard-cli, bin/Railyard and lib/runtime/bin/java" >&2
  exit 1
fi

work=$(mktemp -d)
xvfb_pid='' stand_in_pid=''
cleanup() {
  if [ -n "$stand_in_pid" ]; then kill "$stand_in_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
: > "$report"
say() { echo "appcds: $*"; echo "$*" >> "$report"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
now_ms() { date +%s%3N; }
faster() { [ $(($2 * 100)) -le $(($1 * 95)) ]; }   # faster WITHOUT WITH: at least 5% less

# ms for one CLI run with the given JAVA_TOOL_OPTIONS; fails if the command fails
time_cli() {
  local opts=$1 start end
  shift
  start=$(now_ms)
  env -u DISPLAY JAVA_TOOL_OPTIONS="$opts" timeout 60 "$cli" "$@" >/dev/null 2>&1
  end=$(now_ms)
  echo $((end - start))
}

# ms from spawning the GUI launcher to its first frame (the time it writes to railyard.firstFrameFile)
time_gui() {
  local opts=$1 start frame="$work/first-frame"
  rm -f "$frame"
  start=$(now_ms)
  DISPLAY=$display JAVA_TOOL_OPTIONS="$opts -Drailyard.firstFrameFile=$frame -Drailyard.exitAfterFirstFrame=true \
-Drailyard.home=$work/gui-home" timeout 60 "$gui" >/dev/null 2>&1 || true
  [ -s "$frame" ] || return 1
  echo $(( $(tr -dc 0-9 < "$frame") - start ))
}

add_java_options() {   # add_java_options CFG ARCHIVE
  local cfg=$1 archive=$2
  grep -q '^\[JavaOptions\]' "$cfg" || printf '\n[JavaOptions]\n' >> "$cfg"
  awk -v archive="$archive" '{ print } /^\[JavaOptions\]$/ {
         print "java-options=-XX:SharedArchiveFile=$APPDIR/" archive
         print "java-options=-Xshare:auto"
         print "java-options=-Xlog:cds*=off"
       }' "$cfg" > "$work/cfg"
  cat "$work/cfg" > "$cfg"
}

cp "$here/make-archives.sh" "$app/make-archives.sh"
rm -f "$classlist" "$app/railyard.jsa" "$app/railyard-cli.jsa"

# --- the desktop app's class list: its self-test walk under Xvfb --------------------------------
display=''
if command -v Xvfb >/dev/null && command -v python3 >/dev/null; then
  for n in $(seq 91 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
  done
fi
if [ -n "$display" ]; then
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
  python3 "$here/stand-in-api.py" "$work/stand-in-port" "$work/stand-in-requests.log" &
  stand_in_pid=$!
  for _ in $(seq 50); do [ -s "$work/stand-in-port" ] && break; sleep 0.2; done
  port=$(cat "$work/stand-in-port")
  mkdir -p "$work/self-test" "$work/home"
  printf '%s\n' 'apiVersion: v1' 'kind: Config' 'clusters:' '- name: stand-in' '  cluster:' \
    "    server: http://127.0.0.1:$port" 'users:' '- name: stand-in' '  user:' '    token: stand-in-token' \
    'contexts:' '- name: stand-in' '  context:' '    cluster: stand-in' '    user: stand-in' \
    'current-context: stand-in' > "$work/self-test/kubeconfig"
  # a home of its own: the vault, recent files and the run's SSH key lookup stay in $work
  DISPLAY=$display RAILYARD_SECRET_STORE=vault RAILYARD_VAULT_PASSPHRASE=appcds-training \
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$classlist -Drailyard.selfTest=$work/self-test \
-Drailyard.hetzner.url=http://127.0.0.1:$port -Drailyard.home=$work/home -Duser.home=$work/home" \
    timeout 600 "$gui" >"$work/train-gui.log" 2>&1 \
    || { cat "$work/train-gui.log" "$work/self-test/self-test.txt" >&2; echo "appcds: the app-image's self-test failed: the runtime as packaged cannot run the app" >&2; exit 1; }
  grep -qx 'PASSED' "$work/self-test/self-test.txt" \
    || { cat "$work/train-gui.log" "$work/self-test/self-test.txt" >&2; echo "appcds: the app-image's self-test did not pass" >&2; exit 1; }
  kill "$stand_in_pid" 2>/dev/null || true
  stand_in_pid=''
  say "desktop class list: $(wc -l < "$classlist") classes, from the app-image's self-test walk (wizard, export, run screen, health panel)"
else
  say "no Xvfb or python3 here: no desktop class list, so no desktop archive"
fi

# --- the archives postinst makes, made here for measuring ---------------------------------------
RAILYARD_ARCHIVES="cli${display:+ desktop}" sh "$app/make-archives.sh" "$app"
[ -s "$app/railyard-cli.jsa" ] || { echo "appcds: make-archives.sh made no railyard-cli.jsa" >&2; exit 1; }
time_cli "-XX:SharedArchiveFile=$app/railyard-cli.jsa -Xshare:on" --version >/dev/null \
  || { echo "appcds: railyard-cli.jsa does not map with -Xshare:on" >&2; exit 1; }

env -u DISPLAY timeout 120 "$cli" init --example hetzner-medium -o "$work/medium.yaml" >/dev/null
time_cli "-Xshare:auto" --version >/dev/null   # warms the page cache
: > "$work/version-without"; : > "$work/version-with"; : > "$work/generate-without"; : > "$work/generate-with"
for i in $(seq "$runs"); do
  time_cli "-Xshare:auto" --version >> "$work/version-without"
  time_cli "-XX:SharedArchiveFile=$app/railyard-cli.jsa -Xshare:auto" --version >> "$work/version-with"
  time_cli "-Xshare:auto" generate "$work/medium.yaml" -o "$work/out-a$i" >> "$work/generate-without"
  time_cli "-XX:SharedArchiveFile=$app/railyard-cli.jsa -Xshare:auto" generate "$work/medium.yaml" -o "$work/out-b$i" >> "$work/generate-with"
done
vw=$(median < "$work/version-without") vv=$(median < "$work/version-with")
gw=$(median < "$work/generate-without") gv=$(median < "$work/generate-with")
say "railyard --version: median $vw ms with the runtime's own CDS archive, $vv ms with railyard-cli.jsa ($(du -h "$app/railyard-cli.jsa" | cut -f1))"
say "railyard generate (medium example): median $gw ms with the runtime's own CDS archive, $gv ms with railyard-cli.jsa"
keep_cli=no
if faster "$vw" "$vv" || faster "$gw" "$gv"; then keep_cli=yes; fi

keep_desktop=no
if [ -s "$app/railyard.jsa" ] && time_gui "-Xshare:auto" >/dev/null; then   # also warms the page cache
  : > "$work/gui-without"; : > "$work/gui-with"
  for _ in $(seq "$gui_runs"); do
    time_gui "-Xshare:auto" >> "$work/gui-without" || true
    time_gui "-XX:SharedArchiveFile=$app/railyard.jsa -Xshare:auto" >> "$work/gui-with" || true
  done
  fw=$(median < "$work/gui-without") fv=$(median < "$work/gui-with")
  say "Railyard first frame: median $fw ms with the runtime's own CDS archive, $fv ms with railyard.jsa ($(du -h "$app/railyard.jsa" | cut -f1))"
  if faster "$fw" "$fv"; then keep_desktop=yes; fi
elif [ -n "$display" ]; then
  say "Railyard first frame: not measured (no railyard.jsa, or the app reports no first frame through railyard.firstFrameFile)"
fi

rm -f "$app/railyard.jsa" "$app/railyard-cli.jsa"   # made again by postinst at their final path
if [ "$keep_cli" = yes ]; then
  add_java_options "$app/railyard-cli.cfg" railyard-cli.jsa
  say "keeping railyard-cli.jsa: postinst trains it on generate in /opt/railyard, the railyard command uses it"
else
  say "railyard-cli.jsa makes the command line less than 5% faster: not in the package"
fi
if [ "$keep_desktop" = yes ]; then
  add_java_options "$app/Railyard.cfg" railyard.jsa
  say "keeping railyard.classlist: postinst dumps railyard.jsa in /opt/railyard, the desktop launcher uses it"
else
  rm -f "$classlist"
  say "no railyard.jsa for the desktop app (not measured, or less than 5% faster)"
fi
