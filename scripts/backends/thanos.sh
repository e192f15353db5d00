#!/usr/bin/env bash
# Builds Thanos v0.42.4 (bench only, never CI) into the git-ignored cache; ~5 min the first time.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
bin="$PARALLAX_CACHE/bin/thanos"
[ -x "$bin" ] && exit 0
work="$PARALLAX_CACHE/thanos-build"
mkdir -p "$work" "$PARALLAX_CACHE/bin"
# One build at a time: several worktrees share the cache; a waiter finds the binary and stops.
exec 9>"$work/.lock"
flock 9
[ -x "$bin" ] && exit 0
cp "$PARALLAX_ROOT/bench/peers/thanos/go.mod" "$PARALLAX_ROOT/bench/peers/thanos/tools.go" "$work/"
cd "$work"
echo "thanos: building v0.42.4 (first build takes ~5 min)" >&2
GOFLAGS=-mod=mod go mod tidy >&2
# Without slicelabels the sidecars crash on the first gRPC call.
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -tags netgo,slicelabels -o "$bin.tmp" github.com/thanos-io/thanos/cmd/thanos
mv "$bin.tmp" "$bin"
