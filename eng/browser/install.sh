#!/usr/bin/env bash
# Installs Debian's Chromium (if missing) for the browser tests (tests/CreditOS.Browser.Tests), which drive it
# with Microsoft.Playwright through ExecutablePath. Playwright's own browser download cannot work on the CI
# machines, so it is never called. Idempotent; needs root on a fresh machine (CI runs as root).
set -euo pipefail

chromium_path="${CREDITOS_CHROMIUM:-/usr/bin/chromium}"
log() { echo "[browser-install] $*"; }

if [[ -x "$chromium_path" ]]; then
  exit 0
fi

log "installing chromium (Debian package)"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends chromium; then
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi
[[ -x "$chromium_path" ]] || { log "chromium is still missing at $chromium_path"; exit 1; }
log "installed: $("$chromium_path" --version 2>/dev/null | head -1)"
