#!/usr/bin/env bash
# Deploy checks run by scripts/test.sh: Kubernetes manifests against the k8s JSON schemas (kubeconform,
# strict: unknown fields fail) and the Dockerfile against hadolint's rules (info level fails too).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$PARALLAX_ROOT"
bash scripts/backends/kubeconform.sh
bash scripts/backends/hadolint.sh
schemas="$PARALLAX_CACHE/k8s-schemas/${K8S_SCHEMA_VERSION:-v1.34.0}-local-strict"
"$PARALLAX_CACHE/bin/kubeconform" -strict -summary -skip Kustomization \
  -schema-location "$schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" deploy/kubernetes/*.yaml
"$PARALLAX_CACHE/bin/hadolint" --failure-threshold info Dockerfile
echo "deploy: manifests valid, Dockerfile clean"
