#!/usr/bin/env bash
# Installs the Grafana plugin's own packages (grafana-plugin/package-lock.json; skipped while the
# lockfile is unchanged) and builds grafana-plugin/dist (esbuild, under a second).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT/grafana-plugin"
stamp="$PARALLAX_CACHE/grafana-plugin-npm-ci.stamp"
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: npm ci (grafana-plugin)" >&2
  npm ci --no-audit --no-fund >&2
  mkdir -p "$PARALLAX_CACHE" && touch "$stamp"
fi
node build.mjs >&2
