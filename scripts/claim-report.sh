#!/usr/bin/env bash
# The main job: every claim of the catalogue on real models, judged with interval statistics valid at the sample sizes used, written
# to allure-results/ and rendered as the offline HTML claim report allure-report/.
#
# Usage: scripts/claim-report.sh [--plan] [--strict] [--accept [--accept-partial]] [MODEL ...]
#   MODEL            fixture names (fixtures/models/*.json); default: the fixtures with "defaultRun": true
#   --plan           only print what the run would do (cells, passes, tokens, peak memory, time) from the configs,
#                    without loading weights; exit 3 if a model will not fit (-Dplan.device=gpu -Dplan.memory=24GiB
#                    in MAVEN_ARGS plans for a GPU this machine does not have)
#   --strict         any REFUTED claim fails the run (default: only regressions against fixtures/expectations/main do)
#   --accept         merge this run's verdicts into fixtures/expectations/main/<model>.json: cells judged under the
#                    same plan are replaced, new ones added, all others kept; the diff is printed (review, commit)
#   --accept-partial with --accept: allow a run that judged fewer (claim, task) cells than the file holds
# Extra Maven flags go through MAVEN_ARGS, e.g. MAVEN_ARGS="-Dgpu" or "-Dclaims.tasks=capitals:50".
# Exit status: 0 when no verdict differs from the expectations under the same plan, non-zero otherwise (or on
# any error). A run that did not finish leaves the previous report and target/claims-summary.json in place.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
STRICT=false
ACCEPT=false
PARTIAL=false
PLAN=false
MODELS=()
for arg in "$@"; do
  case "$arg" in
    --strict) STRICT=true ;;
    --accept) ACCEPT=true ;;
    --accept-partial) PARTIAL=true ;;
    --plan) PLAN=true ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "claim-report.sh: unknown option $arg (accepted: --plan --strict --accept --accept-partial)" >&2; exit 2 ;;
    *) MODELS+=("$arg") ;;
  esac
done
if [ "$PARTIAL" = true ] && [ "$ACCEPT" != true ]; then
  echo "claim-report.sh: --accept-partial goes with --accept" >&2; exit 2
fi
MODEL_LIST="$(IFS=,; echo "${MODELS[*]:-}")"
FETCH_LIST="${MODELS[*]:-smollm2-135m-instruct gemma3-270m}"

if [ "$PLAN" = true ]; then
  # the claims profile's tasks and sweep plan, configs only (GGUF headers need the files: fetched as usual)
  # shellcheck disable=SC2086
  mvn -B -q -Pclaims compile exec:java@plan -Dattendfirst.skipFetch=true -Dplan.models="$MODEL_LIST" ${MAVEN_ARGS:-}
  exit $?
fi

python3 scripts/fetch_models.py $FETCH_LIST || exit $?

# allure-results/ is emptied by the build itself (claims-clear-results), whatever starts a claims run
START=$(date +%s)
# shellcheck disable=SC2086
mvn -B -Pclaims test -Dattendfirst.skipFetch=true -Dclaims.models="$MODEL_LIST" \
  -Dclaims.strict="$STRICT" -Dclaims.acceptExpectations="$ACCEPT" -Dclaims.acceptPartial="$PARTIAL" ${MAVEN_ARGS:-}
STATUS=$?
END=$(date +%s)

# a report only from a run that finished: its environment says run.status=finished (written at its very end)
if grep -q '^run.status=finished$' allure-results/environment.properties 2>/dev/null; then
  scripts/allure-report.sh || { echo "claim-report.sh: the HTML report could not be generated" >&2; [ "$STATUS" = 0 ] && STATUS=1; }
else
  echo "claim-report.sh: the claims run did not finish: allure-report/ and target/claims-summary.json are left" \
    "as the previous run made them (its folder in target/claims-runs/ says 'running')" >&2
  [ "$STATUS" = 0 ] && STATUS=1
fi

echo
echo "claim-report.sh: claims run took $((END - START)) s; verdicts in target/claims-summary.json;"
echo "  HTML report in allure-report/ (open with: scripts/report-screenshot.sh, or target/allure-cli/allure-*/bin/allure open allure-report)"
[ "$STATUS" = 0 ] || echo "claim-report.sh: FAILED (exit $STATUS): see 'claims gate' above (regression, strict mode, refused merge or errors)" >&2
exit "$STATUS"
