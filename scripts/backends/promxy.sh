#!/usr/bin/env bash
# Builds Promxy v0.0.95 (bench only, never CI) into the git-ignored cache. Exits 0 without a binary
# when the Go module proxy refuses the module, printing its error: the bench then skips Promxy.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
bin="$PARALLAX_CACHE/bin/promxy"
[ -x "$bin" ] && exit 0
command -v go >/dev/null || { echo "promxy: Go toolchain not found (needed to build Promxy)" >&2; exit 1; }
work="$PARALLAX_CACHE/promxy-build"
mkdir -p "$work" "$PARALLAX_CACHE/bin"
# One build at a time: several worktrees share the cache; a waiter finds the binary and stops.
exec 9>"$work/.lock"
flock 9
[ -x "$bin" ] && exit 0
cp "$PARALLAX_ROOT/test/backends/promxy/go.mod" "$PARALLAX_ROOT/test/backends/promxy/tools.go" "$work/"
cd "$work"
# The module proxy's "not available" is final: do not ask again on every bench run (rm the file to retry).
[ -f unavailable.txt ] && { echo "promxy: $(cat unavailable.txt)" >&2; exit 0; }
if ! err=$(GOFLAGS=-mod=mod go mod download github.com/jacksontj/promxy@v0.0.95 2>&1); then
  echo "not obtainable, bench runs without it: $err" >unavailable.txt
  echo "promxy: $(cat unavailable.txt)" >&2
  exit 0
fi
echo "promxy: building v0.0.95" >&2
GOFLAGS=-mod=mod go mod tidy >&2
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -o "$bin.tmp" github.com/jacksontj/promxy/cmd/promxy
mv "$bin.tmp" "$bin"
