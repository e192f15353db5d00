#!/usr/bin/env bash
# Builds Jaeger v2 (memory storage) into the git-ignored cache; seconds once Go's caches are warm.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
bin="$PARALLAX_CACHE/bin/jaeger"
[ -x "$bin" ] && exit 0
command -v go >/dev/null || { echo "jaeger: Go toolchain not found (needed to build Jaeger)" >&2; exit 1; }
work="$PARALLAX_CACHE/jaeger-build"
mkdir -p "$work" "$PARALLAX_CACHE/bin"
cp "$PARALLAX_ROOT/test/backends/jaeger/go.mod" "$PARALLAX_ROOT/test/backends/jaeger/tools.go" "$work/"
cd "$work"
echo "jaeger: building v1.76.0 (first build takes ~5 min)" >&2
GOFLAGS=-mod=mod go mod tidy >&2
GOFLAGS=-mod=mod go build -o "$bin.tmp" github.com/jaegertracing/jaeger/cmd/jaeger
mv "$bin.tmp" "$bin"
