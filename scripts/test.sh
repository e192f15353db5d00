#!/usr/bin/env bash
# The project's one test command (README): lint, typecheck, unit and integration tests on real servers.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
bash scripts/setup.sh all
echo "== lint" && npx eslint . && npx prettier --check . >/dev/null
echo "== typecheck" && npx tsc --noEmit && (cd grafana-plugin && npx tsc --noEmit)
echo "== deploy (kubeconform on deploy/kubernetes, hadolint on the Dockerfile)" && bash scripts/check-deploy.sh
echo "== tests (unit + integration on real Prometheus, Jaeger, Elasticsearch, Chromium)"
results="$PARALLAX_CACHE/vitest-results.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file that failed with no failed test (e.g. a server that would not start in beforeAll) counts too.
  const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  const failed = r.numFailedTests + broken;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${broken ? `, ${broken} files failed outside a test` : ""}${skipped ? `, ${skipped} skipped` : ""}`);
  if (failed > 0) process.exit(1);
  if (r.numTotalTests === 0) process.exit(1);
' "$results" || status=1
exit "$status"
