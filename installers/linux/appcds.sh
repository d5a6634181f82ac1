#!/usr/bin/env bash
# AppCDS for the Linux app-image, run by `./mvnw -Ppackage package` before the .deb/.rpm are made.
#
#   installers/linux/appcds.sh target/jpackage/image/Railyard
#
# A JDK 17 class-data-sharing archive maps only for the exact class path it was dumped with, so an
# archive dumped here (target/...) is useless once installed in /opt/railyard. What is built here
# is the class list, lib/app/railyard.classlist: the classes loaded by `railyard-cli generate` on a
# bundled example and by a GUI start under Xvfb that exits after its first frame
# (-Drailyard.exitAfterFirstFrame=true). The package's postinst dumps the static archive
# lib/app/railyard.jsa from it at the final path (no display needed: dumping loads classes but
# runs nothing); the same dump is made here to decide whether it is worth it.
# Start-up is timed with and without the archive (medians of RAILYARD_CDS_RUNS=10 `--version`
# runs, RAILYARD_CDS_GUI_RUNS=5 first frames when the app reports them); unless it makes one of them
# at least 5% faster the class list is dropped. When kept, both launchers' .cfg get
# -XX:SharedArchiveFile=$APPDIR/railyard.jsa -Xshare:auto -Xlog:cds*=off (a missing or stale
# archive is then ignored silently, never fatal). RAILYARD_APPCDS=off skips all of it. Every run is
# bounded by `timeout`; the report is also written to target/jpackage/image/appcds.txt.
set -euo pipefail

image=$(cd "${1:?usage: appcds.sh APP_IMAGE_DIR}" && pwd)
app="$image/lib/app"
cli="$image/bin/railyard-cli"
gui="$image/bin/Railyard"
java="$image/lib/runtime/bin/java"
classlist="$app/railyard.classlist"
archive="$app/railyard.jsa"
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
xvfb_pid=''
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
: > "$report"
say() { echo "appcds: $*"; echo "$*" >> "$report"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
now_ms() { date +%s%3N; }

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
  DISPLAY=$display JAVA_TOOL_OPTIONS="$opts -Drailyard.firstFrameFile=$frame -Drailyard.exitAfterFirstFrame=true" \
    timeout 60 "$gui" >/dev/null 2>&1 || true
  [ -s "$frame" ] || return 1
  echo $(( $(tr -dc 0-9 < "$frame") - start ))
}

add_java_options() {
  local cfg=$1
  grep -q '^\[JavaOptions\]' "$cfg" || printf '\n[JavaOptions]\n' >> "$cfg"
  awk '{ print } /^\[JavaOptions\]$/ {
         print "java-options=-XX:SharedArchiveFile=$APPDIR/railyard.jsa"
         print "java-options=-Xshare:auto"
         print "java-options=-Xlog:cds*=off"
       }' "$cfg" > "$work/cfg"
  cat "$work/cfg" > "$cfg"
}

# --- class list: the command line, then the desktop app under Xvfb ----------------------------
rm -f "$classlist" "$archive"
env -u DISPLAY timeout 120 "$cli" init --example hetzner-small -o "$work/plan.yaml" >/dev/null
env -u DISPLAY JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/cli.classlist" \
  timeout 180 "$cli" generate "$work/plan.yaml" -o "$work/out" >/dev/null 2>"$work/train-cli.log" \
  || { cat "$work/train-cli.log" >&2; echo "appcds: training run of railyard-cli failed" >&2; exit 1; }
: > "$work/gui.classlist"
display=''
if command -v Xvfb >/dev/null; then
  for n in $(seq 91 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
  done
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
  # ends itself after the first frame; if the app does not honour the flag, timeout's TERM still
  # ends the JVM normally, which writes the list
  DISPLAY=$display JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui.classlist -Drailyard.exitAfterFirstFrame=true" \
    timeout 90 "$gui" >/dev/null 2>"$work/train-gui.log" || true
else
  say "no Xvfb here: the class list covers the command line only"
fi
cat "$work/cli.classlist" "$work/gui.classlist" | awk '!seen[$0]++' > "$classlist"
say "class list: $(wc -l < "$classlist") classes ($(wc -l < "$work/cli.classlist") from the CLI, $(wc -l < "$work/gui.classlist") from the desktop app)"

# --- the same dump postinst makes, here for measuring -----------------------------------------
timeout 600 "$java" -Xshare:dump -XX:SharedClassListFile="$classlist" -XX:SharedArchiveFile="$archive" \
  -cp "$app/railyard.jar" >"$work/dump.log" 2>&1 \
  || { tail -20 "$work/dump.log" >&2; echo "appcds: -Xshare:dump failed" >&2; exit 1; }
time_cli "-XX:SharedArchiveFile=$archive -Xshare:on" --version >/dev/null \
  || { echo "appcds: railyard.jsa does not map with -Xshare:on" >&2; exit 1; }
size=$(du -h "$archive" | cut -f1)

time_cli "-Xshare:auto" --version >/dev/null   # warm the page cache for both
: > "$work/cli-without"
: > "$work/cli-with"
for _ in $(seq "$runs"); do
  time_cli "-Xshare:auto" --version >> "$work/cli-without"
  time_cli "-XX:SharedArchiveFile=$archive -Xshare:auto" --version >> "$work/cli-with"
done
cli_without=$(median < "$work/cli-without") cli_with=$(median < "$work/cli-with")
say "railyard --version: median $cli_without ms with the runtime's own CDS archive, $cli_with ms with railyard.jsa ($size)"
helps=no
[ $((cli_with * 100)) -le $((cli_without * 95)) ] && helps=yes

if [ -n "$display" ] && time_gui "-Xshare:auto" >/dev/null; then   # also warms the page cache
  : > "$work/gui-without"
  : > "$work/gui-with"
  for _ in $(seq "$gui_runs"); do
    time_gui "-Xshare:auto" >> "$work/gui-without" || true
    time_gui "-XX:SharedArchiveFile=$archive -Xshare:auto" >> "$work/gui-with" || true
  done
  gui_without=$(median < "$work/gui-without") gui_with=$(median < "$work/gui-with")
  say "Railyard first frame: median $gui_without ms with the runtime's own CDS archive, $gui_with ms with railyard.jsa"
  [ $((gui_with * 100)) -le $((gui_without * 95)) ] && helps=yes
else
  say "Railyard first frame: not measured (no Xvfb, or the app reports no first frame through railyard.firstFrameFile)"
fi

rm -f "$archive"   # dumped again by postinst at its final path
if [ "$helps" = yes ]; then
  add_java_options "$app/Railyard.cfg"
  add_java_options "$app/railyard-cli.cfg"
  say "keeping railyard.classlist: postinst dumps railyard.jsa in /opt/railyard, both launchers use it"
else
  rm -f "$classlist"
  say "railyard.jsa makes neither start 5% faster: no AppCDS archive in the package"
fi
