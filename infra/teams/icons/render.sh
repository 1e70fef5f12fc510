#!/usr/bin/env bash
# Renders the Teams icons from their SVG sources with headless Chromium (transparent background kept).
# Run after editing an SVG, then commit the PNGs: the package build only copies them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
browser="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
render() {
  local name="$1" size="$2" page
  page="$(mktemp --suffix=.html)"
  printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat "$here/$name.svg")" > "$page"
  "$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$here/../$name.png" "file://$page" 2>/dev/null
  rm -f "$page"
}
render color 192
render outline 32
