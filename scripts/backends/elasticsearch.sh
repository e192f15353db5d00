#!/usr/bin/env bash
# Fetches the Elasticsearch integ-test distributions (8 and 9) from Maven Central into the cache,
# unpacks them and creates the non-root user they must run as.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
dir="$PARALLAX_CACHE/elasticsearch"
mkdir -p "$dir"
for v in 9.1.5 8.19.7; do
  [ -x "$dir/elasticsearch-$v/bin/elasticsearch" ] && continue
  zip="$dir/elasticsearch-$v.zip"
  if [ ! -f "$zip" ]; then
    echo "elasticsearch: fetching $v from Maven Central" >&2
    mvn -q dependency:copy -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$v:zip" -DoutputDirectory="$dir" >&2
  fi
  (cd "$dir" && unzip -q -o "$zip")
done
id parallax-es >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin parallax-es
chown -R parallax-es "$dir"
