#!/usr/bin/env bash
# The README's test command, and the one .ci/run calls: sets up the outside tools the tests check
# generated files with, then runs every test headless.
#
#   bash dev/test.sh                 install what is missing, then ./mvnw -B verify (more arguments go to Maven)
#   bash dev/test.sh --tools-only    install what is missing, and stop
#
# Debian packages are installed when this runs as root (or with password-less sudo) on a machine with
# apt-get; anywhere else it prints the one command that installs them and carries on, and each test
# whose tool is missing fails with the same advice. HashiCorp's HCL parser comes from npm, pinned,
# into .tools/ (outside git). Terraform is optional: without it UserDataWithTerraformTest says, in the
# build output, that it did not run and how to make it run.
set -euo pipefail
cd "$(dirname "$0")/.."

HCL2JSON=@cdktf/hcl2json@0.21.0
HCL_DIR=.tools/hcl2json

say() { printf 'test-tools: %s\n' "$*" >&2; }

# Debian packages, named by what each test runs
packages=()
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)         # the build itself
command -v cloud-init >/dev/null || packages+=(cloud-init)                  # cloud-init schema
command -v shellcheck >/dev/null || packages+=(shellcheck)                  # generated scripts
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)                         # the real SSH server of the SSH tests
command -v ssh-keygen >/dev/null || packages+=(openssh-client)
command -v node >/dev/null || packages+=(nodejs)                            # runs the HCL parser
command -v npm >/dev/null || packages+=(npm)                                # installs the HCL parser
command -v unshare >/dev/null || packages+=(util-linux)                     # CLI tests without network
dpkg -s libgtk-3-0 >/dev/null 2>&1 || packages+=(libgtk-3-0)               # JavaFX's native libraries (UI tests)
command -v xvfb-run >/dev/null || packages+=(xvfb xauth)                   # the app's self-test under GTK (SelfTestIT)

if [ "${#packages[@]}" -gt 0 ]; then
  install=(apt-get install -y -qq --no-install-recommends "${packages[@]}")
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    "${install[@]}" >/dev/null
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    say "installing ${packages[*]} (sudo)"
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo -n env DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  else
    say "MISSING: ${packages[*]}"
    say "install them with:  sudo apt-get install -y --no-install-recommends ${packages[*]}"
    say "(or your OS's packages of the same tools); the tests that need them fail and name them"
  fi
fi

if [ ! -d "$HCL_DIR/node_modules/@cdktf/hcl2json" ]; then
  if command -v npm >/dev/null; then
    say "installing $HCL2JSON into $HCL_DIR"
    mkdir -p "$HCL_DIR"
    (cd "$HCL_DIR" && npm install --silent --no-audit --no-fund --prefix . "$HCL2JSON" >/dev/null)
  else
    say "MISSING: npm, so HashiCorp's HCL parser ($HCL2JSON) cannot be installed into $HCL_DIR; the HCL tests fail"
  fi
fi

# sshd refuses to start without its privilege-separation directory
if [ ! -d /run/sshd ]; then
  mkdir -p /run/sshd 2>/dev/null || sudo -n mkdir -p /run/sshd 2>/dev/null \
    || say "MISSING: /run/sshd (sshd needs it): sudo mkdir -p /run/sshd"
fi

command -v terraform >/dev/null \
  || say "note: no terraform on the PATH; UserDataWithTerraformTest will report itself as not run (see its message)"

if [ "${1:-}" = "--tools-only" ]; then
  exit 0
fi

# headless: the UI tests run on Monocle when DISPLAY is unset
unset DISPLAY
exec ./mvnw -B verify "$@"
