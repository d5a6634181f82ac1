#!/usr/bin/env bash
# Prints the JDK modules the packaged app jar needs, to keep railyard.jlink.modules in pom.xml's
# `package` profile current after adding a dependency:
#   installers/jdeps-modules.sh [target/jpackage/railyard-nofx.jar]
# jdeps cannot see providers looked up at run time: the profile adds jdk.crypto.ec and
# jdk.crypto.cryptoki (TLS, SSH) and javafx.controls to what this prints.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-target/jpackage/railyard-nofx.jar}
[ -f "$jar" ] || { echo "jdeps-modules: $jar missing; build it with ./mvnw -B -Ppackage package" >&2; exit 1; }
timeout 900 jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$jar"
