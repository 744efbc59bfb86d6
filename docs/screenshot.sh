#!/usr/bin/env bash
# Screenshots of the access export's page for the README, taken with headless Chromium.
#
#   docs/screenshot.sh [path/to/dsr]      (default: .build/debug/dsr; builds nothing)
#
# Makes a demo workspace in a temporary folder, exports the demo caller (recordings
# included), extracts the archive and writes, next to this script:
#   export-page.png          the page at 1280 px wide, the first 4000 px (down to the call records) of it
#   export-page-narrow.png   the page at 390 px wide (a phone), the first 2400 px of it
# Re-run it after changing templates/<lang>/index.html and commit the PNGs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
dsr="${1:-$repo/.build/debug/dsr}"
case "$dsr" in /*) ;; *) dsr="$PWD/$dsr" ;; esac
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"

[ -x "$dsr" ] || { echo "screenshot.sh: no dsr binary at $dsr (run \`swift build\` first)" >&2; exit 1; }
[ -n "$chromium" ] || { echo "screenshot.sh: chromium not installed; run \`make deps\` as root" >&2; exit 1; }
command -v bsdtar > /dev/null || { echo "screenshot.sh: bsdtar not installed; run \`make deps\` as root" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/dsr-screenshot.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$work"
"$dsr" demo --dir ws --customers 12 --calls 3000 > demo.txt
"$dsr" export --config ws/dsr.yaml --include-processor-data \
  phone:+31681234567 email:sanne.bakker@example.nl -o out.zip > export.txt
mkdir page
bsdtar -xf out.zip -C page
[ -s page/index.html ] || { echo "screenshot.sh: the archive has no index.html" >&2; exit 1; }

# shot WIDTH HEIGHT URL OUTPUT: one headless run with its own profile, killed after 60 s.
shot() {
  local profile
  profile="$(mktemp -d "$work/profile.XXXXXX")"
  rm -f "$4"
  timeout -k 5 60 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --window-size="$1,$2" --screenshot="$4" "$3" > "$work/chromium.log" 2>&1 \
    || { cat "$work/chromium.log" >&2; echo "screenshot.sh: chromium failed on $3" >&2; exit 1; }
  [ -s "$4" ] || { cat "$work/chromium.log" >&2; echo "screenshot.sh: chromium wrote no $4" >&2; exit 1; }
  echo "wrote ${4#"$repo"/} ($(wc -c < "$4") bytes)"
}

url="file://${work// /%20}/page"
shot 1280 4000 "$url/index.html" "$here/export-page.png"

# Headless Chromium lays a window out at no less than 500 px, whatever --window-size says
# (a 390 px screenshot would crop a 500 px layout): the phone view is a 390 px iframe.
cat > page/narrow.html << 'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>html, body { margin: 0; } iframe { border: 0; width: 390px; height: 2400px; }</style>
</head><body><iframe src="index.html"></iframe></body></html>
EOF
shot 390 2400 "$url/narrow.html" "$here/export-page-narrow.png"
