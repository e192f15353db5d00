#!/usr/bin/env bash
# Installs redis-server (Debian package) where missing: the shared result cache's tests start one.
set -euo pipefail
if command -v redis-server >/dev/null; then exit 0; fi
echo "redis: installing the Debian package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends redis-server >&2
