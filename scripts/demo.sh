#!/usr/bin/env bash
# The README's first command: local backends with demo data, then the gateway.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
bash scripts/setup.sh demo
# node itself (not npx -> tsx -> node): a signal to this process reaches the demo's own shutdown.
exec node --import tsx demo/run.ts
