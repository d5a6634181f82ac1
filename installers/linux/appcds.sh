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
#   runtime as packaged cannot run the app. A second class list comes from the same self-test ended
#   once the wizard opens (-Drailyard.selfTest.until=wizard); the list whose archive is kept (below)
#   ships as railyard.classlist.
# - the decision whether each archive pays: make-archives.sh makes both here, and start-up is timed
#   with and without them, interleaved (medians of RAILYARD_CDS_RUNS=10 runs of `railyard-cli
#   --version` and `generate` on the medium example, RAILYARD_CDS_GUI_RUNS=5 first frames and 3
#   idle RSS each for no desktop archive, the whole walk's and the wizard's). An archive that makes
#   neither of its launcher's starts at least 5% faster is dropped; of two desktop archives that
#   pay, the one with less idle RSS is kept unless the other starts 5% faster still; a kept one
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
  # the same start, ended once the example's first wizard step shows (-Drailyard.selfTest.until=wizard)
  mkdir -p "$work/self-test-wizard" "$work/home-wizard"
  if ! DISPLAY=$display RAILYARD_SECRET_STORE=vault RAILYARD_VAULT_PASSPHRASE=appcds-training \
      JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/wizard.classlist -Drailyard.selfTest=$work/self-test-wizard \
-Drailyard.selfTest.until=wizard -Drailyard.home=$work/home-wizard -Duser.home=$work/home-wizard" \
      timeout 600 "$gui" >"$work/train-wizard.log" 2>&1 || ! grep -qx 'PASSED' "$work/self-test-wizard/self-test.txt"; then
    cat "$work/train-wizard.log" "$work/self-test-wizard/self-test.txt" >&2
    echo "appcds: the app-image's self-test up to the wizard failed" >&2
    exit 1
  fi
  kill "$stand_in_pid" 2>/dev/null || true
  stand_in_pid=''
  say "desktop class list: $(wc -l < "$classlist") classes, from the app-image's self-test walk (wizard, export, run screen, health panel)"
  say "desktop class list up to opening the wizard: $(wc -l < "$work/wizard.classlist") classes (-Drailyard.selfTest.until=wizard)"
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

# idle RSS in KiB of the GUI launcher's process tree 3 s after its first frame
rss_gui() {
  local opts=$1 frame="$work/first-frame" pid total=0 p kib
  rm -f "$frame"
  DISPLAY=$display JAVA_TOOL_OPTIONS="$opts -Drailyard.firstFrameFile=$frame -Drailyard.home=$work/gui-home" \
    "$gui" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 600); do [ -s "$frame" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if [ -s "$frame" ]; then
    sleep 3
    for p in "$pid" $(pgrep -P "$pid" || true); do
      kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
      total=$((total + ${kib:-0}))
    done
  fi
  pkill -9 -P "$pid" 2>/dev/null || true
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$total" -gt 0 ] || return 1
  echo "$total"
}

# the desktop archive: none, the whole walk's (railyard.jsa from railyard.classlist) or the wizard's
# (wizard.jsa); first frames interleaved, then idle RSS. An archive counts only if its first frame is
# at least 5% faster than none; of two that count, the one with less idle RSS, unless the other's
# first frame is at least 5% faster still.
keep_desktop=no
if [ -s "$app/railyard.jsa" ] && [ -s "$work/wizard.classlist" ] \
    && timeout 600 "$java" -Xshare:dump -XX:SharedClassListFile="$work/wizard.classlist" -XX:SharedArchiveFile="$work/wizard.jsa" \
       -cp "$app/railyard.jar" >"$work/dump-wizard.log" 2>&1 \
    && time_gui "-Xshare:auto" >/dev/null; then   # also warms the page cache
  walk="-XX:SharedArchiveFile=$app/railyard.jsa -Xshare:auto" wiz="-XX:SharedArchiveFile=$work/wizard.jsa -Xshare:auto"
  time_gui "$walk" >/dev/null || true; time_gui "$wiz" >/dev/null || true
  : > "$work/gui-without"; : > "$work/gui-walk"; : > "$work/gui-wizard"
  : > "$work/rss-without"; : > "$work/rss-walk"; : > "$work/rss-wizard"
  for _ in $(seq "$gui_runs"); do
    time_gui "-Xshare:auto" >> "$work/gui-without" || true
    time_gui "$walk" >> "$work/gui-walk" || true
    time_gui "$wiz" >> "$work/gui-wizard" || true
  done
  for _ in 1 2 3; do
    rss_gui "-Xshare:auto" >> "$work/rss-without" || true
    rss_gui "$walk" >> "$work/rss-walk" || true
    rss_gui "$wiz" >> "$work/rss-wizard" || true
  done
  fw=$(median < "$work/gui-without") fa=$(median < "$work/gui-walk") fz=$(median < "$work/gui-wizard")
  rw=$(median < "$work/rss-without") ra=$(median < "$work/rss-walk") rz=$(median < "$work/rss-wizard")
  say "Railyard first frame: median $fw ms with the runtime's own CDS archive, $fa ms with the whole walk's railyard.jsa ($(du -h "$app/railyard.jsa" | cut -f1)), $fz ms with the wizard's ($(du -h "$work/wizard.jsa" | cut -f1))"
  say "Railyard idle RSS 3 s after the first frame: median $((rw / 1024)) MiB without, $((ra / 1024)) MiB with the whole walk's archive, $((rz / 1024)) MiB with the wizard's"
  walk_counts=no wizard_counts=no
  if faster "$fw" "$fa"; then walk_counts=yes; fi
  if faster "$fw" "$fz"; then wizard_counts=yes; fi
  if [ "$walk_counts" = yes ] && [ "$wizard_counts" = yes ]; then
    if [ "$rz" -le "$ra" ]; then
      if faster "$fz" "$fa"; then keep_desktop=walk; else keep_desktop=wizard; fi
    else
      if faster "$fa" "$fz"; then keep_desktop=wizard; else keep_desktop=walk; fi
    fi
  elif [ "$walk_counts" = yes ]; then keep_desktop=walk
  elif [ "$wizard_counts" = yes ]; then keep_desktop=wizard
  fi
elif [ -n "$display" ]; then
  say "Railyard first frame: not measured (no railyard.jsa or wizard class list, or the app reports no first frame through railyard.firstFrameFile)"
fi

rm -f "$app/railyard.jsa" "$app/railyard-cli.jsa"   # made again by postinst at their final path
if [ "$keep_cli" = yes ]; then
  add_java_options "$app/railyard-cli.cfg" railyard-cli.jsa
  say "keeping railyard-cli.jsa: postinst trains it on generate in /opt/railyard, the railyard command uses it"
else
  say "railyard-cli.jsa makes the command line less than 5% faster: not in the package"
fi
if [ "$keep_desktop" = wizard ]; then
  cp "$work/wizard.classlist" "$classlist"
  add_java_options "$app/Railyard.cfg" railyard.jsa
  say "keeping the class list up to opening the wizard as railyard.classlist: postinst dumps railyard.jsa in /opt/railyard, the desktop launcher uses it"
elif [ "$keep_desktop" = walk ]; then
  add_java_options "$app/Railyard.cfg" railyard.jsa
  say "keeping the whole walk's railyard.classlist: postinst dumps railyard.jsa in /opt/railyard, the desktop launcher uses it"
else
  rm -f "$classlist"
  say "no railyard.jsa for the desktop app (not measured, or less than 5% faster)"
fi
