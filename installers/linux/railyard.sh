#!/bin/sh
# The `railyard` command: the package installs it as bin/railyard next to the jpackage launchers, and
# /usr/bin/railyard links here. It runs the packaged runtime's java directly, with what the
# railyard-cli launcher (railyard-cli.properties, lib/app/railyard-cli.cfg) would give it: the same
# jar and main class, no display (without arguments it prints the usage instead of opening the app),
# and the CLI's AppCDS archive when postinst made one (make-archives.sh; -Xshare:auto, so a stale
# archive is ignored, never fatal).
# Why not the launcher: jpackage's Linux launcher, installed from a package, asks `rpm -qf`,
# `dpkg -S` and `dpkg -L` which package owns it before Java starts (getJvmLauncherLibPath in its
# LinuxPackage.c), about 0.75 s of every start on a small machine. installers/linux/smoke-test.sh
# checks with strace that this command starts no rpm or dpkg.
self=$(readlink -f -- "$0") || self=$0
root=${self%/bin/*}
app=$root/lib/app
if [ -f "$app/railyard-cli.jsa" ]; then
  exec "$root/lib/runtime/bin/java" "-XX:SharedArchiveFile=$app/railyard-cli.jsa" -Xshare:auto '-Xlog:cds*=off' \
    -Djava.awt.headless=true -cp "$app/railyard.jar" dev.railyard.Main "$@"
fi
exec "$root/lib/runtime/bin/java" -Djava.awt.headless=true -cp "$app/railyard.jar" dev.railyard.Main "$@"
