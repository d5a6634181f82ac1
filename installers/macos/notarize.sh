#!/usr/bin/env bash
# Notarises and staples the DMGs in DIR; the package build calls it on macOS when APPLE_ID is set.
#   APPLE_ID            the Apple ID that submits
#   APPLE_TEAM_ID       its developer team
#   APPLE_APP_PASSWORD  an app-specific password of that Apple ID
# The app inside must have been signed (MACOS_SIGN_IDENTITY), or notarisation is refused.
set -euo pipefail
dist=${1:?usage: notarize.sh DIST_DIR}
: "${APPLE_ID:?}" "${APPLE_TEAM_ID:?APPLE_TEAM_ID must be set along with APPLE_ID}"
: "${APPLE_APP_PASSWORD:?APPLE_APP_PASSWORD must be set along with APPLE_ID}"
found=no
for dmg in "$dist"/*.dmg; do
  [ -e "$dmg" ] || continue
  found=yes
  echo "notarize: submitting $dmg"
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait --timeout 30m
  xcrun stapler staple "$dmg"
done
[ "$found" = yes ] || { echo "notarize: no .dmg in $dist" >&2; exit 1; }
