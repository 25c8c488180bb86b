#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for Essaim, then the workspace's dependencies.
# Idempotent: a machine that has everything only runs `pnpm install` (about a second when warm).
set -euo pipefail
cd "$(dirname "$0")/.."
export STORYBOOK_DISABLE_TELEMETRY=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's browsers for the tests (never a browser download from a test tool): Chromium for every browser
# test; Firefox ESR, WebKitGTK's WebDriver (and its MiniBrowser) and a virtual X server (xvfb) for the
# cross-engine suite (scripts/check-engines.mjs). apt-get runs only when one of them is missing.
missing=()
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 || missing+=(chromium)
command -v "${FIREFOX_PATH:-firefox-esr}" >/dev/null 2>&1 || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian's ${missing[*]}…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# pnpm 12 (pnpm 11 crashes on Node 20; corepack fails signature checks here).
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != 12 ]; then
  echo "setup: installing pnpm 12.21.0…"
  as_root npm install -g --silent pnpm@12.21.0
fi

pnpm install --frozen-lockfile
