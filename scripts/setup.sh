#!/usr/bin/env bash
# Installs everything the gateway, the demo and the tests need; idempotent and cached under .cache/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
stamp="$PARALLAX_CACHE/npm-ci.stamp"
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund >&2
  mkdir -p "$PARALLAX_CACHE" && touch "$stamp"
fi
what="${1:-all}"
case "$what" in
  all) backends=(prometheus jaeger elasticsearch redis chromium) ;;
  demo) backends=(prometheus jaeger elasticsearch) ;;
  *) backends=("$what") ;;
esac
for b in "${backends[@]}"; do bash "scripts/backends/$b.sh"; done
# The Grafana plugin's packages and dist/ (its tests load the built module.js).
if [ "$what" = all ]; then bash scripts/grafana-plugin.sh; fi
