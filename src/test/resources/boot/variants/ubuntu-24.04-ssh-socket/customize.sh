#!/usr/bin/env bash
# mmdebstrap customize hook (build-image.sh, third argument): makes the Debian 12 guest start sshd the way
# Ubuntu 24.04 does, by socket activation. ssh.socket (Ubuntu's unit) is enabled, which through its
# RequiredBy= also makes ssh.service require it; ssh.service itself is disabled and starts when the first
# connection arrives; a generator turns sshd_config's ports into a socket drop-in. See the files beside this
# one for what each emulates.
set -euo pipefail
root=$1
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
install -m 0644 "$here/ssh.socket" "$root/usr/lib/systemd/system/ssh.socket"
install -d -m 0755 "$root/usr/lib/systemd/system/ssh.service.d"
install -m 0644 "$here/ssh.service.conf" "$root/usr/lib/systemd/system/ssh.service.d/ubuntu-socket-activation.conf"
install -d -m 0755 "$root/usr/local/lib/railyard-emulation" "$root/usr/lib/systemd/system-generators"
install -m 0755 "$here/sshd-socket-activated" "$root/usr/local/lib/railyard-emulation/sshd-socket-activated"
install -m 0755 "$here/sshd-socket-generator" "$root/usr/lib/systemd/system-generators/sshd-socket-generator"
chroot "$root" systemctl disable ssh.service
chroot "$root" systemctl enable ssh.socket
