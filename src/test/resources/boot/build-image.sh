#!/usr/bin/env bash
# Builds the Debian 12 (bookworm) guest the boot tests run Railyard's cloud-init and host scripts on.
# Usage: build-image.sh PACKAGE_LIST OUTPUT_DIR [VARIANT_DIR]. Writes OUTPUT_DIR/root.img (raw ext4, the
# whole disk is the root file system), vmlinuz and initrd.img (the guest's own, for qemu -kernel/-initrd).
# A VARIANT_DIR (variants/NAME/) holds a customize.sh that mmdebstrap runs on the root file system after
# everything else is installed (how one variant starts sshd the way Ubuntu does).
# Needs root (mmdebstrap's root mode), mmdebstrap and e2fsprogs; downloads ~140 MB of Debian
# packages. Test machinery (RealVm) calls it; its hash and the package list are the cache key.
set -euo pipefail

packages_file=$1
out=$2
variant=${3:-}
mirror=${RAILYARD_VM_MIRROR:-http://deb.debian.org/debian}
security=${RAILYARD_VM_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

work=$(mktemp -d "$out.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
include=$(grep -Ev '^[[:space:]]*(#|$)' "$packages_file" | paste -sd, -)
variant_hook=()
if [ -n "$variant" ]; then
  variant_hook=(--customize-hook="bash $(printf '%q' "$variant/customize.sh") \"\$1\"")
fi

mmdebstrap --quiet --variant=apt --include="$include" \
  --customize-hook='echo railyard-guest > "$1/etc/hostname"' \
  --customize-hook='printf "/dev/vda / ext4 defaults,errors=remount-ro 0 1\n" > "$1/etc/fstab"' \
  --customize-hook='printf "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n" > "$1/etc/network/interfaces"' \
  --customize-hook='mkdir -p "$1/etc/cloud/cloud.cfg.d"' \
  --customize-hook='printf "%s\n" "# the boot tests seed a NoCloud volume labelled cidata" "datasource_list: [ NoCloud, None ]" "# Debian locale-gen ignores its arguments" "locale: C.UTF-8" "manage_etc_hosts: true" > "$1/etc/cloud/cloud.cfg.d/90-railyard-boot-test.cfg"' \
  "${variant_hook[@]}" \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
  --customize-hook='rm -f "$1/etc/apt/sources.list"; rm -rf "$1"/etc/apt/sources.list.d/*' \
  --customize-hook='cp "$1"/boot/vmlinuz-* "$1/../vmlinuz"; cp "$1"/boot/initrd.img-* "$1/../initrd.img"' \
  bookworm "$root" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb $security bookworm-security main"

# Ubuntu's cloud images ship without SSH host keys (cloud-init makes them at first boot): the hook
# above deleted Debian's. The apt sources are gone too: the guest is offline, and what the user data
# installs (curl, ca-certificates) is already in the image, so apt-get update has nothing to fetch.
mkfs.ext4 -q -L railyard-root -d "$root" "$work/root.img" 3G
mkdir -p "$out"
# root.img last: the test fixture takes the image as complete once root.img exists
mv "$work/vmlinuz" "$work/initrd.img" "$out/"
mv "$work/root.img" "$out/"
