#!/usr/bin/env bash
# Benchmarks (never part of CI): npm run bench [-- prometheus|ha-live|traces|logs|patterns|compare]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
bash scripts/setup.sh all >/dev/null
names=("${@:-prometheus ha-live patterns traces logs compare compare-sweep}")
for name in ${names[@]}; do
  [ -f "bench/$name.bench.ts" ] || { echo "bench: no bench/$name.bench.ts" >&2; exit 2; }
  # The federating peers the Prometheus bench compares with (built once into the cache, never in CI).
  if [ "$name" = prometheus ]; then bash scripts/backends/thanos.sh && bash scripts/backends/promxy.sh; fi
  echo "== bench $name"
  npx tsx "bench/$name.bench.ts"
done
