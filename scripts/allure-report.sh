#!/usr/bin/env bash
# Generate the offline HTML report allure-report/ (repo root) from allure-results/, keeping the trend history.
#
# Allure 2 commandline comes from Maven Central (io.qameta.allure:allure-commandline:<version>:zip), is fetched
# into ~/.m2 by `mvn dependency:get` and unpacked under target/allure-cli/. It needs a JRE only.
# Before generating, the previous report's history/ is copied into allure-results/history/, which is how
# Allure 2 carries trends (pass/fail counts, durations, per-test history) from one report to the next.
#
# After generating, attendfirst.run.ClaimReportMain (attendfirst.report.ClaimReport) turns the folder into the claim report: index.html becomes the
# claims x models matrix (Allure's own app moves to allure.html beside it), models/<model>.html the model pages.
# Its inputs are the run summaries: every claims-summary-*.json in RESULTS_DIR (the claims run leaves a copy there,
# so results merged from several runners bring all their summaries), else target/claims-summary.json. Cells are
# compared with the committed verdicts in fixtures/expectations/$CLAIMS_PLAN and with the previous report.
#
# Usage: scripts/allure-report.sh [RESULTS_DIR] [REPORT_DIR]
#   env ALLURE_VERSION (default 2.32.0), CLAIMS_PLAN (main or reduced; default main),
#       CLAIMS_SUMMARIES (space-separated summary files, overriding the search above),
#       HISTORY_FROM (the report whose trend is carried over; default REPORT_DIR: scripts/claim-report.sh makes
#       the new report beside the published one and publishes it with the summary)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="${1:-$ROOT/allure-results}"
REPORT="${2:-$ROOT/allure-report}"
VERSION="${ALLURE_VERSION:-2.32.0}"
CLI_DIR="$ROOT/target/allure-cli"
ALLURE="$CLI_DIR/allure-$VERSION/bin/allure"

if [ ! -d "$RESULTS" ] || [ -z "$(ls -A "$RESULTS" | grep -v '^\.gitkeep$' || true)" ]; then
  echo "allure-report.sh: no results in $RESULTS; run the tests first (mvn test ...)" >&2
  exit 1
fi

if [ ! -x "$ALLURE" ]; then
  ZIP="$HOME/.m2/repository/io/qameta/allure/allure-commandline/$VERSION/allure-commandline-$VERSION.zip"
  if [ ! -f "$ZIP" ]; then
    mvn -B -q dependency:get -Dartifact="io.qameta.allure:allure-commandline:$VERSION:zip" -Dtransitive=false
  fi
  [ -f "$ZIP" ] || { echo "allure-report.sh: $ZIP not found after mvn dependency:get" >&2; exit 1; }
  mkdir -p "$CLI_DIR"
  rm -rf "$CLI_DIR/allure-$VERSION.partial"
  mkdir "$CLI_DIR/allure-$VERSION.partial"
  unzip -q "$ZIP" -d "$CLI_DIR/allure-$VERSION.partial"
  mv "$CLI_DIR/allure-$VERSION.partial/allure-$VERSION" "$CLI_DIR/allure-$VERSION"
  rm -rf "$CLI_DIR/allure-$VERSION.partial"
fi

# carry the trend over from the previous report
HISTORY_FROM="${HISTORY_FROM:-$REPORT}"
if [ -d "$HISTORY_FROM/history" ]; then
  rm -rf "$RESULTS/history"
  cp -r "$HISTORY_FROM/history" "$RESULTS/history"
fi

# generate next to the target, then swap, so a failed generation leaves the previous report intact
TMP_REPORT="$REPORT.partial"
rm -rf "$TMP_REPORT"
"$ALLURE" generate "$RESULTS" -o "$TMP_REPORT" --clean
# the claim pages: front page, model pages, figures (needs the compiled classes and the runtime classpath)
SUMMARIES=()
if [ -n "${CLAIMS_SUMMARIES:-}" ]; then
  read -r -a SUMMARIES <<< "$CLAIMS_SUMMARIES"
else
  for f in "$RESULTS"/claims-summary-*.json; do [ -f "$f" ] && SUMMARIES+=("$f"); done
  [ ${#SUMMARIES[@]} -gt 0 ] || { [ -f "$ROOT/target/claims-summary.json" ] && SUMMARIES+=("$ROOT/target/claims-summary.json"); }
fi
if [ ${#SUMMARIES[@]} -gt 0 ]; then
  PLAN="${CLAIMS_PLAN:-main}"
  ARGS=(--report "$TMP_REPORT" --previous "$RESULTS/history" --models "$ROOT/fixtures/models"
        --catalogue "$ROOT/fixtures/claims/catalogue.json" --expectations "$ROOT/fixtures/expectations/$PLAN")
  [ "$PLAN" = main ] && [ -f "$ROOT/docs/claims-summary.json" ] && ARGS+=(--baseline-summary "$ROOT/docs/claims-summary.json")
  for s in "${SUMMARIES[@]}"; do ARGS+=(--summary "$s"); done
  "$ROOT/scripts/report-java.sh" ClaimReportMain "${ARGS[@]}"
else
  echo "allure-report.sh: no claims summary (claims-summary-*.json in $RESULTS or target/claims-summary.json);" \
    "the report has Allure's pages only" >&2
fi

rm -rf "$REPORT"
mv "$TMP_REPORT" "$REPORT"
echo "allure-report.sh: report in $REPORT, front page index.html, Allure at allure.html (serve it over HTTP, e.g. scripts/report-screenshot.sh, or $ALLURE open $REPORT)"
