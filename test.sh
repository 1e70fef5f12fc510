#!/usr/bin/env bash
# Runs every test of the solution. What a fresh machine lacks is installed first: the npm packages
# the tests drive are installed by the build (tests/Node.targets); browser tests need Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

dotnet test ItsmChatOps.sln --logger "console;verbosity=minimal" "$@"
