#!/bin/sh
# The desktop app as its menu entry starts it (Exec=/opt/railyard/bin/railyard-desktop %f): the
# package installs it as bin/railyard-desktop next to the jpackage launchers. It runs the packaged
# runtime's java directly with what the Railyard launcher (lib/app/Railyard.cfg) would give it: the
# same jar and main class, and the desktop AppCDS archive when postinst made one (make-archives.sh;
# -Xshare:auto, so a stale archive is ignored, never fatal). A plan file to open comes as "$@".
# Why not the launcher: installed from a package, jpackage's Linux launcher asks `rpm -qf`, `dpkg -S`
# and `dpkg -L` which package owns it before Java starts (getJvmLauncherLibPath in its
# LinuxPackage.c), about 120 ms of the first frame on an idle 2-core machine (StartupBench), more
# under load. installers/linux/railyard.sh does the same for the `railyard` command.
self=$(readlink -f -- "$0") || self=$0
root=${self%/bin/*}
app=$root/lib/app
if [ -f "$app/railyard.jsa" ]; then
  exec "$root/lib/runtime/bin/java" "-XX:SharedArchiveFile=$app/railyard.jsa" -Xshare:auto '-Xlog:cds*=off' \
    -cp "$app/railyard.jar" dev.railyard.Main "$@"
fi
exec "$root/lib/runtime/bin/java" -cp "$app/railyard.jar" dev.railyard.Main "$@"
