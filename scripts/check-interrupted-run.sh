#!/usr/bin/env bash
# Checks that a claims run killed midway leaves nothing that looks finished, and that the next run succeeds.
# Real default model, small plan (capitals:4, stride 10, one seed), a temporary copy of the expectations:
#   1. a complete run through scripts/claim-report.sh: summary and HTML report made;
#   2. the same run, Maven sent SIGTERM once the claims have started: the previous target/claims-summary.json and
#      allure-report/ must be byte-identical, the run folder must say "running", the results must be marked
#      INCOMPLETE, and claim-report.sh must say the run did not finish and exit non-zero;
#   3. the same run, the script sent SIGTERM while it generates the HTML report (the run itself finished): the
#      previous summary and report must be byte-identical (they are published together or not at all), no
#      allure-report.next*/ or allure-report.partial/ or target/claims-pending/ may be left, exit non-zero;
#   4. the same run again: it must pass and replace the summary with its own run id.
# Usage: scripts/check-interrupted-run.sh   (about 4 small runs; exit 0 when every check holds)
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp -r fixtures/expectations/main "$TMP/expectations"
export MAVEN_ARGS="-o -Dclaims.ids=C1,C6 -Dclaims.tasks=capitals:4 -Dclaims.layerStride=10 -Dclaims.seeds=1 -Dclaims.expectations=$TMP/expectations"
FAILS=0
check() {  # $1 = description, rest = command
  local what="$1"; shift
  if "$@"; then echo "check-interrupted-run: ok   $what"; else echo "check-interrupted-run: FAIL $what"; FAILS=$((FAILS + 1)); fi
}
digest() { (cd "$1" 2>/dev/null && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum) || echo missing; }

echo "check-interrupted-run: 1. a complete run"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run1.log" 2>&1
check "the first run passes" [ $? -eq 0 ]
SUMMARY_BEFORE="$(sha256sum target/claims-summary.json)"
REPORT_BEFORE="$(digest allure-report)"
RUN1="$(python3 -c 'import json; print(json.load(open("target/claims-summary.json"))["run"]["id"])')"
RUNS_BEFORE="$(ls target/claims-runs)"

echo "check-interrupted-run: 2. the same run, Maven killed with SIGTERM midway"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run2.log" 2>&1 &
SCRIPT=$!
MVN=""
NEW=""
for _ in $(seq 1 600); do
  [ -z "$MVN" ] && MVN="$(pgrep -P "$SCRIPT" -f plexus-classworlds || true)"
  NEW="$(comm -13 <(echo "$RUNS_BEFORE") <(ls target/claims-runs) | head -1)"
  [ -n "$MVN" ] && [ -n "$NEW" ] && break
  sleep 0.5
done
sleep 5  # inside the first sweep
echo "check-interrupted-run: SIGTERM to Maven (pid $MVN), run $NEW"
kill -TERM "$MVN"
wait "$SCRIPT"
STATUS2=$?
sleep 2
check "claim-report.sh exits non-zero" [ "$STATUS2" -ne 0 ]
check "claim-report.sh says the run did not finish" grep -q "before the claims run finished" "$TMP/run2.log"
check "the previous summary is byte-identical" [ "$(sha256sum target/claims-summary.json)" = "$SUMMARY_BEFORE" ]
check "the previous HTML report is byte-identical" [ "$(digest allure-report)" = "$REPORT_BEFORE" ]
check "the killed run's folder says running" grep -q '"status": "running"' "target/claims-runs/$NEW/status.json"
check "the killed run's results are marked INCOMPLETE" grep -q '^run.status=INCOMPLETE' allure-results/environment.properties
check "no surefire JVM of the killed run is left" [ -z "$(pgrep -f "surefire.*$ROOT/target" || true)" ]

echo "check-interrupted-run: 3. the same run, the script killed with SIGTERM while it generates the report"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run2b.log" 2>&1 &
SCRIPT=$!
for _ in $(seq 1 1200); do
  [ -d allure-report.next.partial ] && break
  kill -0 "$SCRIPT" 2>/dev/null || break
  sleep 0.5
done
check "the report generation was reached" [ -d allure-report.next.partial ]
echo "check-interrupted-run: SIGTERM to claim-report.sh (pid $SCRIPT) during the report generation"
kill -TERM "$SCRIPT"
wait "$SCRIPT"
STATUS2B=$?
sleep 2
check "claim-report.sh exits non-zero" [ "$STATUS2B" -ne 0 ]
check "claim-report.sh says nothing was published" grep -q "interrupted: nothing published" "$TMP/run2b.log"
check "the previous summary is byte-identical" [ "$(sha256sum target/claims-summary.json)" = "$SUMMARY_BEFORE" ]
check "the previous HTML report is byte-identical" [ "$(digest allure-report)" = "$REPORT_BEFORE" ]
check "no half-made report is left" test ! -e allure-report.next -a ! -e allure-report.next.partial -a ! -e allure-report.partial
check "no unpublished summary is left" [ ! -e target/claims-pending ]
check "no lock is left" [ ! -e target/claims.lock ]

echo "check-interrupted-run: 4. the next run"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run3.log" 2>&1
check "the next run passes" [ $? -eq 0 ]
RUN3="$(python3 -c 'import json; print(json.load(open("target/claims-summary.json"))["run"]["id"])')"
check "the summary is the new run's ($RUN3, was $RUN1)" [ "$RUN3" != "$RUN1" ]
check "the new report is finished" grep -q '^run.status=finished' allure-results/environment.properties
echo "check-interrupted-run: $FAILS check(s) failed"
[ "$FAILS" -eq 0 ]
