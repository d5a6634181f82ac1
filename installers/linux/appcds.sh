#!/usr/bin/env bash
# AppCDS for the Linux app-image, run by `./mvnw -Ppackage package` before the .deb/.rpm are made.
#
#   installers/linux/appcds.sh target/jpackage/image/Railyard
#
# Trains one dynamic class-data-sharing archive per launcher by running the packaged launcher with
# -XX:ArchiveClassesAtExit (on top of the runtime's base archive that jlink's --generate-cds-archive
# made): railyard-cli.jsa from `railyard-cli generate` on a bundled example, railyard.jsa from a GUI
# start under Xvfb that exits after its first frame (-Drailyard.exitAfterFirstFrame=true).
# Each archive is checked with -Xshare:on, then start-up is timed with and without it (medians of
# RAILYARD_CDS_RUNS=10 `--version` runs, RAILYARD_CDS_GUI_RUNS=5 first frames); an archive that does
# not make its launcher at least 5% faster is deleted, one that does is added to the launcher's
# .cfg as -XX:SharedArchiveFile=$APPDIR/<name>.jsa -Xshare:auto (a stale archive is then ignored,
# never fatal). RAILYARD_APPCDS=off skips all of it. Every run is bounded by `timeout`.
set -euo pipefail

image=$(cd "${1:?usage: appcds.sh APP_IMAGE_DIR}" && pwd)
app="$image/lib/app"
cli="$image/bin/railyard-cli"
gui="$image/bin/Railyard"
runs=${RAILYARD_CDS_RUNS:-10}
gui_runs=${RAILYARD_CDS_GUI_RUNS:-5}
report="$(dirname "$image")/appcds.txt"

if [ "${RAILYARD_APPCDS:-on}" = off ]; then
  echo "appcds: skipped (RAILYARD_APPCDS=off)"
  exit 0
fi
if [ ! -x "$cli" ] || [ ! -x "$gui" ]; then
  echo "appcds: $image has no bin/railyard-cli and bin/Railyard" >&2
  exit 1
fi

work=$(mktemp -d)
xvfb_pid=
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
  local cfg=$1 archive=$2
  grep -q '^\[JavaOptions\]' "$cfg" || printf '\n[JavaOptions]\n' >> "$cfg"
  awk -v a="java-options=-XX:SharedArchiveFile=\$APPDIR/$archive" \
    '{ print } /^\[JavaOptions\]$/ { print a; print "java-options=-Xshare:auto" }' "$cfg" > "$work/cfg"
  cat "$work/cfg" > "$cfg"
}

# keep <archive> for <cfg> only if the median with it is at least 5% below the one without
decide() {
  local what=$1 archive=$2 cfg=$3 without=$4 with=$5
  say "$what: median ${without} ms without AppCDS, ${with} ms with $archive"
  if [ $((with * 100)) -le $((without * 95)) ]; then
    add_java_options "$cfg" "$archive"
    say "$what: keeping $archive ($(du -h "$app/$archive" | cut -f1)), added to $(basename "$cfg")"
  else
    rm -f "$app/$archive"
    say "$what: $archive does not help by 5% or more, not shipped"
  fi
}

# --- the command line -------------------------------------------------------------------------
env -u DISPLAY timeout 120 "$cli" init --example hetzner-small -o "$work/plan.yaml" >/dev/null
rm -f "$app/railyard-cli.jsa"
env -u DISPLAY JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$app/railyard-cli.jsa" \
  timeout 180 "$cli" generate "$work/plan.yaml" -o "$work/out" >/dev/null 2>"$work/train-cli.log" \
  || { cat "$work/train-cli.log" >&2; echo "appcds: training run of railyard-cli failed" >&2; exit 1; }
[ -s "$app/railyard-cli.jsa" ] || { cat "$work/train-cli.log" >&2; echo "appcds: no railyard-cli.jsa written" >&2; exit 1; }
time_cli "-XX:SharedArchiveFile=$app/railyard-cli.jsa -Xshare:on" --version >/dev/null \
  || { echo "appcds: railyard-cli.jsa does not map with -Xshare:on" >&2; exit 1; }

time_cli "-Xshare:auto" --version >/dev/null   # warm the page cache for both
: > "$work/cli-without"
: > "$work/cli-with"
for _ in $(seq "$runs"); do
  time_cli "-Xshare:auto" --version >> "$work/cli-without"
  time_cli "-XX:SharedArchiveFile=$app/railyard-cli.jsa -Xshare:auto" --version >> "$work/cli-with"
done
decide "railyard --version" railyard-cli.jsa "$app/railyard-cli.cfg" "$(median < "$work/cli-without")" "$(median < "$work/cli-with")"

# --- the desktop app --------------------------------------------------------------------------
rm -f "$app/railyard.jsa"
if ! command -v Xvfb >/dev/null; then
  say "Railyard first frame: no Xvfb here, no GUI archive"
  exit 0
fi
for n in $(seq 91 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done

# the training run ends itself after the first frame; if the app does not honour the flag yet,
# timeout's TERM still ends the JVM normally, which writes the archive
DISPLAY=$display JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$app/railyard.jsa -Drailyard.exitAfterFirstFrame=true" \
  timeout 90 "$gui" >/dev/null 2>"$work/train-gui.log" || true
if [ ! -s "$app/railyard.jsa" ]; then
  say "Railyard first frame: the training run wrote no archive (see below), no GUI archive"
  tail -5 "$work/train-gui.log" >&2
  exit 0
fi
if ! time_gui "-Xshare:auto" >/dev/null; then   # also warms the page cache
  rm -f "$app/railyard.jsa"
  say "Railyard first frame: the app reported no first frame (railyard.firstFrameFile), so the GUI archive cannot be measured; not shipped"
  exit 0
fi
: > "$work/gui-without"
: > "$work/gui-with"
for _ in $(seq "$gui_runs"); do
  time_gui "-Xshare:auto" >> "$work/gui-without" || true
  time_gui "-XX:SharedArchiveFile=$app/railyard.jsa -Xshare:auto" >> "$work/gui-with" || true
done
decide "Railyard first frame" railyard.jsa "$app/Railyard.cfg" "$(median < "$work/gui-without")" "$(median < "$work/gui-with")"
