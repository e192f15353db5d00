#!/usr/bin/env bash
# Installs headless Chromium (Debian package) for the offline-GraphiQL test.
set -euo pipefail
command -v chromium >/dev/null && exit 0
echo "chromium: installing the Debian package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium >&2
