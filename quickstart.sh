#!/usr/bin/env bash
# Builds the fsconnect plugins and runs the quickstart: SQL database -> feature-group topic -> Parquet
# training data, on an embedded Kafka broker and a Connect worker with its REST API on localhost:8083.
#   ./quickstart.sh           keeps running for you to explore the REST API (Ctrl-C stops it)
#   ./quickstart.sh --once    exits 0 once every row is written; last line: QUICKSTART rows=.. files=.. output=..
#   ./quickstart.sh --help    all options
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the plugins (mvn package, tests skipped) ..."
mvn -B -q -DskipTests package -pl quickstart -am
exec java -Xms512m -Xmx1g \
  -cp "quickstart/target/classes:$(cat quickstart/target/runtime-classpath.txt)" \
  io.fsconnect.quickstart.Quickstart "$@"
