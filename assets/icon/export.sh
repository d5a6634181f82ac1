#!/usr/bin/env bash
# Regenerates every raster form of assets/icon/railyard.svg:
#   assets/icon/png/railyard-<N>.png      16..512 (installers, README)
#   assets/icon/railyard.ico              Windows (MSI, launcher)
#   assets/icon/railyard.icns             macOS (app bundle, DMG)
#   src/main/resources/dev/railyard/ui/icon-<N>.png   JavaFX window icons (16..256)
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (imagemagick).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
svg="$here/railyard.svg"

command -v rsvg-convert >/dev/null || { echo "export.sh: rsvg-convert missing (apt-get install librsvg2-bin)" >&2; exit 1; }
# /usr/bin/convert first: some machines put a stand-in ahead of ImageMagick on PATH
convert=/usr/bin/convert
[ -x "$convert" ] || convert=$(command -v convert) || { echo "export.sh: ImageMagick missing (apt-get install imagemagick)" >&2; exit 1; }

mkdir -p "$here/png" "$root/src/main/resources/dev/railyard/ui"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$svg" --output "$tmp/$size.png"
done
for size in 16 24 32 48 64 128 256 512; do
  cp "$tmp/$size.png" "$here/png/railyard-$size.png"
done
for size in 16 32 64 128 256; do
  cp "$tmp/$size.png" "$root/src/main/resources/dev/railyard/ui/icon-$size.png"
done

# Windows: one .ico with the sizes Explorer and the taskbar ask for (256 is stored as PNG)
"$convert" "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" \
  "$here/railyard.ico"

# macOS: .icns is 'icns' + big-endian total length, then entries of type + length + PNG bytes.
# ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x) are stored as PNG since macOS 10.7.
be32() { printf '%b' "$(printf '\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)))"; }
entries="$tmp/entries"
: > "$entries"
for pair in ic07:128 ic08:256 ic09:512 ic10:1024; do
  type=${pair%%:*} size=${pair##*:}
  length=$(( $(wc -c < "$tmp/$size.png") + 8 ))
  { printf '%s' "$type"; be32 "$length"; cat "$tmp/$size.png"; } >> "$entries"
done
{ printf 'icns'; be32 $(( $(wc -c < "$entries") + 8 )); cat "$entries"; } > "$here/railyard.icns"

echo "export.sh: wrote $here/png/, railyard.ico, railyard.icns and the JavaFX window icons"
