#!/usr/bin/env bash
# Builds the web UI into web/dist: `npm ci` in web/ when node_modules is missing or older than
# package-lock.json, then the bundle. Needs node and npm (scripts/install-deps.sh).
# Safe to run repeatedly; does nothing but the bundle when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/web-build.sh: npm is missing (run scripts/install-deps.sh)" >&2
  exit 1
fi
stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
# Regenerate the map shapes only when they are missing (the generated file is committed).
if [ ! -f src/data/topology.json ]; then
  node scripts/make-topology.mjs
fi
node scripts/build.mjs
