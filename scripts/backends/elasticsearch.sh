#!/usr/bin/env bash
# Fetches the Elasticsearch integ-test distributions (8 and 9) from Maven Central into the cache and
# unpacks them where the non-root user they must run as can read them: the checkout itself may sit
# below a folder only root can enter (e.g. /root), so they go to $PARALLAX_ES_DIST (default /opt/parallax-es).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
zips="$PARALLAX_CACHE/elasticsearch"
dist="${PARALLAX_ES_DIST:-/opt/parallax-es}"
mkdir -p "$zips" "$dist"
chmod 755 "$dist"
id parallax-es >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin parallax-es
for v in 9.1.5 8.19.7; do
  [ -x "$dist/elasticsearch-$v/bin/elasticsearch" ] && continue
  zip="$zips/elasticsearch-$v.zip"
  if [ ! -f "$zip" ]; then
    echo "elasticsearch: fetching $v from Maven Central" >&2
    mvn -q dependency:copy -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$v:zip" -DoutputDirectory="$zips" >&2
  fi
  (cd "$dist" && unzip -q -o "$zip")
  chown -R parallax-es "$dist/elasticsearch-$v"
done
