#!/usr/bin/env bash
# Runs a report entry point, attendfirst.run.MAIN, on the compiled classes and the runtime classpath, compiling
# first when its class is missing (offline first: a test run filled ~/.m2; online if a plugin is not cached).
# Arguments are passed on; relative paths are relative to the caller's directory, not the checkout. Maven's own
# output goes to stderr, so stdout is the entry point's alone.
#
# Usage: scripts/report-java.sh MAIN [ARG ...]
#   e.g. scripts/report-java.sh VerdictTableMain table docs/claims-summary.json
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: scripts/report-java.sh MAIN [ARG ...]" >&2; exit 2; }
MAIN="$1"
shift
(cd "$ROOT" && { [ -f "target/classes/attendfirst/run/$MAIN.class" ] \
      || mvn -B -q -o compile -Dattendfirst.skipFetch=true || mvn -B -q compile -Dattendfirst.skipFetch=true; } \
    && { mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/report-classpath.txt \
      || mvn -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/report-classpath.txt; }) >&2 \
  || { echo "report-java.sh: could not compile the report classes (see above)" >&2; exit 1; }
exec java -Djava.awt.headless=true -cp "$ROOT/target/classes:$(cat "$ROOT/target/report-classpath.txt")" \
  "attendfirst.run.$MAIN" "$@"
