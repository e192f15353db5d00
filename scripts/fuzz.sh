#!/usr/bin/env bash
# The full fuzz run (not CI): 6 generated-input properties x FUZZ_RUNS (default 16,700) = 100,000+ inputs.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
FUZZ_RUNS="${FUZZ_RUNS:-16700}" npx vitest run test/fuzz --testTimeout=3600000
