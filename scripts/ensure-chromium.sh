#!/usr/bin/env bash
# The PDF export and the browser tests print and browse through Debian's Chromium
# (Playwright cannot download a browser here). Installs it when missing and we may.
set -euo pipefail
chromium="${GJERDE_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installerer Chromium fra Debian (apt-get install -y chromium) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium mangler ($chromium). Installer det med: sudo apt-get install -y chromium (eller sett GJERDE_CHROMIUM)." >&2
exit 1
