#!/usr/bin/env bash
# What the tests need from Debian, installed when missing and we may (root with apt-get):
# - Chromium, for the PDF export and the browser tests (Playwright cannot download a browser here);
# - redis-server, which the session tests start on a loopback port of their own for the shared session store.
set -euo pipefail
chromium="${GJERDE_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installerer ${missing[*]} fra Debian (apt-get install -y ${missing[*]}) …"
  apt-get update -qq
  # RUNLEVEL=1: the package's own Redis service is not started; the tests start the servers they need.
  RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Mangler ${missing[*]}. Installer med: sudo apt-get install -y ${missing[*]} (Chromium andre steder: sett GJERDE_CHROMIUM)." >&2
exit 1
