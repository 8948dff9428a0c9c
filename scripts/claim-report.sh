#!/usr/bin/env bash
# The main job: every claim of the catalogue on real models, judged with bootstrap statistics, written
# to allure-results/ and rendered as the offline HTML claim report allure-report/.
#
# Usage: scripts/claim-report.sh [--plan] [--strict] [--accept] [MODEL ...]
#   MODEL     fixture names (fixtures/models/*.json); default: the fixtures with "defaultRun": true
#   --plan    only print what the run would do (cells, passes, tokens, peak memory, time) from the configs,
#             without loading weights; exit 3 if a model will not fit (-Dplan.device=gpu -Dplan.memory=24GiB
#             in MAVEN_ARGS plans for a GPU this machine does not have)
#   --strict  any REFUTED claim fails the run (default: only regressions against fixtures/expectations/main do)
#   --accept  write this run's verdicts as the new expectations (fixtures/expectations/main/<model>.json)
# Extra Maven flags go through MAVEN_ARGS, e.g. MAVEN_ARGS="-Dgpu" or "-Dclaims.tasks=capitals:50".
# Exit status: 0 when no verdict differs from the expectations, non-zero otherwise (or on any error).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
STRICT=false
ACCEPT=false
PLAN=false
MODELS=()
for arg in "$@"; do
  case "$arg" in
    --strict) STRICT=true ;;
    --accept) ACCEPT=true ;;
    --plan) PLAN=true ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "claim-report.sh: unknown option $arg" >&2; exit 2 ;;
    *) MODELS+=("$arg") ;;
  esac
done
MODEL_LIST="$(IFS=,; echo "${MODELS[*]:-}")"
FETCH_LIST="${MODELS[*]:-smollm2-135m-instruct gemma3-270m}"

if [ "$PLAN" = true ]; then
  # the claims profile's tasks and sweep plan, configs only (GGUF headers need the files: fetched as usual)
  # shellcheck disable=SC2086
  mvn -B -q -Pclaims compile exec:java@plan -Dattendfirst.skipFetch=true -Dplan.models="$MODEL_LIST" ${MAVEN_ARGS:-}
  exit $?
fi

python3 scripts/fetch_models.py $FETCH_LIST || exit $?

# a fresh result set per run; allure-report.sh carries the trend history over from the previous report
find allure-results -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

START=$(date +%s)
# shellcheck disable=SC2086
mvn -B -Pclaims test -Dattendfirst.skipFetch=true -Dclaims.models="$MODEL_LIST" \
  -Dclaims.strict="$STRICT" -Dclaims.acceptExpectations="$ACCEPT" ${MAVEN_ARGS:-}
STATUS=$?
END=$(date +%s)

scripts/allure-report.sh || { echo "claim-report.sh: the HTML report could not be generated" >&2; STATUS=${STATUS:-1}; [ "$STATUS" = 0 ] && STATUS=1; }

echo
echo "claim-report.sh: claims run took $((END - START)) s; verdicts in target/claims-summary.json;"
echo "  HTML report in allure-report/ (open with: scripts/report-screenshot.sh, or target/allure-cli/allure-*/bin/allure open allure-report)"
[ "$STATUS" = 0 ] || echo "claim-report.sh: FAILED (exit $STATUS): see 'claims gate' above (regression, strict mode or errors)" >&2
exit "$STATUS"
