#!/usr/bin/env bash
# Sets up a fresh machine: the npm packages from the lock file, and Debian's Chromium and
# Firefox ESR (real browsers for the end-to-end tests and the audit), Firefox's French language
# pack, openssl and cmark-gfm when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# vite 8 and eslint 10 need Node 20.19+, 22.13+ or 24+ (package.json's engines): npm ci only warns,
# and the build would fail later with a less helpful message.
if ! command -v node >/dev/null 2>&1; then
  echo "setup: Node.js is not installed: this project needs Node 20.19 or later on 20.x, 22.13 or later on 22.x, or 24 or later" >&2
  exit 1
fi
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit((major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24 ? 0 : 1)'; then
  echo "setup: Node $(node --version) is not supported: this project needs Node 20.19 or later on 20.x, 22.13 or later on 22.x, or 24 or later" >&2
  exit 1
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
# Firefox's French interface, for the French end-to-end tests (its strings follow the browser's language).
[ -e /usr/lib/firefox-esr/browser/extensions/langpack-fr@firefox-esr.mozilla.org.xpi ] || missing+=(firefox-esr-l10n-fr)
# The test portal makes a throw-away TLS certificate with openssl.
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# GitHub's Markdown renderer: a unit test renders the Markdown export with it.
command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
