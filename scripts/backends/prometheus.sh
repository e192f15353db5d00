#!/usr/bin/env bash
# Installs Prometheus and promtool (Debian package) where missing.
set -euo pipefail
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then exit 0; fi
echo "prometheus: installing the Debian package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends prometheus >&2
