#!/bin/sh
# Keeps the CA file that k3s's registries.yaml names for reg.<domain>:20000 equal to the certificates of
# the Secret https-certificates, which registry-facade serves (gitpod issue 15029: Gitpod writes its CA
# where k3s's containerd never looks). containerd reads the file at every pull, so no restart is needed.
# Usage: registry-ca-copy.sh SOURCE TARGET INTERVAL (seconds between checks; 0 checks once and exits)
set -eu
source_file=$1
target=$2
interval=$3
last=""
while :; do
  # only the CERTIFICATE blocks: whatever else the file holds never reaches the host
  if ! sed -n '/^-----BEGIN CERTIFICATE-----/,/^-----END CERTIFICATE-----/p' "$source_file" > "$target.new" 2>/dev/null \
      || ! grep -q '^-----END CERTIFICATE-----' "$target.new"; then
    rm -f "$target.new"
    now="no certificate in $source_file (key tls.crt of the Secret https-certificates)"
    status=1
  elif [ -f "$target" ] && cmp -s "$target.new" "$target"; then
    rm -f "$target.new"
    now="unchanged: $target already holds the $(grep -c '^-----BEGIN CERTIFICATE-----' "$target") certificate(s) of $source_file"
    status=0
  else
    chmod 0644 "$target.new"
    mv -f "$target.new" "$target"
    now="wrote the $(grep -c '^-----BEGIN CERTIFICATE-----' "$target") certificate(s) of $source_file to $target (0644)"
    status=0
  fi
  # one line per change, not one a minute
  if [ "$now" != "$last" ]; then echo "$now"; fi
  last=$now
  if [ "$interval" = 0 ]; then exit "$status"; fi
  sleep "$interval"
done
