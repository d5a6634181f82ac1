#!/bin/sh
# Makes the launchers' AppCDS archives in the installed app's lib/app folder. The package's postinst
# (and the .rpm's %post) runs it as root at the final path, because a JDK 17 archive maps only for
# the class path it was dumped with: one made in target/ and installed in /opt would be rejected.
# installers/linux/appcds.sh runs it at packaging time on the app-image, to measure what it buys.
#
#   make-archives.sh [APP_DIR]        (default /opt/railyard/lib/app)
#
# Makes the archives the launchers' .cfg files name (appcds.sh adds them only when they pay), or
# those in RAILYARD_ARCHIVES ("desktop cli"):
# - desktop, railyard.jsa: a static archive of the classes in railyard.classlist, which appcds.sh
#   recorded while the desktop app walked its wizard (dumping loads classes, it needs no display);
# - cli, railyard-cli.jsa: a dynamic archive (on top of the runtime's own CDS archive) from a
#   training run of `railyard generate` on the bundled medium example, with its lambda forms and
#   linked classes.
# A failure leaves the archive out; the launchers use -Xshare:auto, so they start without it.
set -u
app=${1:-/opt/railyard/lib/app}
java=$(dirname "$app")/runtime/bin/java
wanted=${RAILYARD_ARCHIVES:-}
if [ -z "$wanted" ]; then
  # shellcheck disable=SC2016 # $APPDIR is literal in the .cfg files
  grep -q 'SharedArchiveFile=$APPDIR/railyard.jsa' "$app/Railyard.cfg" 2>/dev/null && wanted="desktop"
  # shellcheck disable=SC2016
  grep -q 'SharedArchiveFile=$APPDIR/railyard-cli.jsa' "$app/railyard-cli.cfg" 2>/dev/null && wanted="$wanted cli"
fi

for archive in $wanted; do
  case "$archive" in
    desktop)
      rm -f "$app/railyard.jsa"
      if [ -f "$app/railyard.classlist" ] && timeout 600 "$java" -Xshare:dump -XX:SharedClassListFile="$app/railyard.classlist" \
          -XX:SharedArchiveFile="$app/railyard.jsa" -cp "$app/railyard.jar" >/dev/null 2>&1; then
        chmod 644 "$app/railyard.jsa"
      else
        rm -f "$app/railyard.jsa"
      fi
      ;;
    cli)
      rm -f "$app/railyard-cli.jsa"
      tmp=$(mktemp -d)
      # the same class path and headless flag as the railyard-cli launcher
      if timeout 300 "$java" -Djava.awt.headless=true -Duser.home="$tmp" -cp "$app/railyard.jar" dev.railyard.Main \
            init --example hetzner-medium -o "$tmp/railyard.yaml" >/dev/null 2>&1 \
          && timeout 600 "$java" -XX:ArchiveClassesAtExit="$app/railyard-cli.jsa" -Djava.awt.headless=true -Duser.home="$tmp" \
            -cp "$app/railyard.jar" dev.railyard.Main generate "$tmp/railyard.yaml" -o "$tmp/out" >/dev/null 2>&1 \
          && [ -s "$app/railyard-cli.jsa" ]; then
        chmod 644 "$app/railyard-cli.jsa"
      else
        rm -f "$app/railyard-cli.jsa"
      fi
      rm -rf "$tmp"
      ;;
  esac
done
exit 0
