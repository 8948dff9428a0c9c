#!/usr/bin/env bash
# Checks the claims run's lifecycle on the real default model, through scripts/claim-report.sh (the same outputs a
# user gets): a run killed or failed at any point leaves nothing that looks finished, a second run at once is
# refused, and the next run succeeds. Small plan (C1 and C6, capitals:4, stride 10, one seed), a temporary copy of
# the expectations:
#   1. a complete run: summary and HTML report made;
#   2. the same run, and while its claims run a second one, which must be refused (exit 4, naming the holder);
#      then Maven is sent SIGTERM: the run folder must say "running", the results must be marked INCOMPLETE;
#   3. the same run, the script sent SIGTERM while it generates the HTML report (the run itself finished): no
#      allure-report.next*/, allure-report.partial/, target/claims-pending/ or lock may be left;
#   4. a build that fails before the claims start (-Dgpu on a machine without a GPU): allure-results/ untouched too;
#   after 2, 3 and 4: exit non-zero, the reason said, the previous summary and report byte-identical;
#   5. the same run again: it must pass and replace the summary with its own run id.
# Usage: scripts/check-interrupted-run.sh   (four small runs and a failed build; exit 0 when every check holds)
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
# a run that must not have published: $1 = its exit status, $2 = its log, $3 = what the log must say
nothing_published() {
  check "claim-report.sh exits non-zero" [ "$1" -ne 0 ]
  check "claim-report.sh says: $3" grep -q "$3" "$2"
  check "the previous summary is byte-identical" [ "$(sha256sum target/claims-summary.json)" = "$SUMMARY_BEFORE" ]
  check "the previous HTML report is byte-identical" [ "$(digest allure-report)" = "$REPORT_BEFORE" ]
}

echo "check-interrupted-run: 1. a complete run"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run1.log" 2>&1
check "the first run passes" [ $? -eq 0 ]
SUMMARY_BEFORE="$(sha256sum target/claims-summary.json)"
REPORT_BEFORE="$(digest allure-report)"
RUN1="$(python3 -c 'import json; print(json.load(open("target/claims-summary.json"))["run"]["id"])')"
RUNS_BEFORE="$(ls target/claims-runs)"

echo "check-interrupted-run: 2. the same run, a second run meanwhile, then Maven killed with SIGTERM midway"
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
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/second.log" 2>&1
check "a second run at once is refused with exit 4" [ $? -eq 4 ]
check "the refusal names the running run's holder" grep -q "another claims run holds the outputs of this checkout" "$TMP/second.log"
echo "check-interrupted-run: SIGTERM to Maven (pid $MVN), run $NEW"
kill -TERM "$MVN"
wait "$SCRIPT"
STATUS=$?
sleep 2
nothing_published "$STATUS" "$TMP/run2.log" "before the claims run finished"
check "the killed run's folder says running" grep -q '"status": "running"' "target/claims-runs/$NEW/status.json"
check "the killed run's results are marked INCOMPLETE" grep -q '^run.status=INCOMPLETE' allure-results/environment.properties
check "no surefire JVM of the killed run is left" [ -z "$(pgrep -f "surefire.*$ROOT/target" || true)" ]

echo "check-interrupted-run: 3. the same run, the script killed with SIGTERM while it generates the report"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run3.log" 2>&1 &
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
STATUS=$?
sleep 2
nothing_published "$STATUS" "$TMP/run3.log" "interrupted: nothing published"
check "no half-made report is left" test ! -e allure-report.next -a ! -e allure-report.next.partial -a ! -e allure-report.partial
check "no unpublished summary is left" [ ! -e target/claims-pending ]
check "no lock is left" [ ! -e target/claims.lock ]

echo "check-interrupted-run: 4. a build that fails before the claims start (-Dgpu, no GPU here)"
RESULTS_BEFORE="$(digest allure-results)"
MAVEN_ARGS="$MAVEN_ARGS -Dgpu" scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run4.log" 2>&1
nothing_published $? "$TMP/run4.log" "the build stopped before the claims run finished"
check "the failure is said last" [ "$(grep -v '^$' "$TMP/run4.log" | tail -1 | cut -c1-24)" = "claim-report.sh: FAILED " ]
check "allure-results/ is untouched" [ "$(digest allure-results)" = "$RESULTS_BEFORE" ]

echo "check-interrupted-run: 5. the next run"
scripts/claim-report.sh smollm2-135m-instruct > "$TMP/run5.log" 2>&1
check "the next run passes" [ $? -eq 0 ]
RUN5="$(python3 -c 'import json; print(json.load(open("target/claims-summary.json"))["run"]["id"])')"
check "the summary is the new run's ($RUN5, was $RUN1)" [ "$RUN5" != "$RUN1" ]
check "the new report is finished" grep -q '^run.status=finished' allure-results/environment.properties
echo "check-interrupted-run: $FAILS check(s) failed"
[ "$FAILS" -eq 0 ]
