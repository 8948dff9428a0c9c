#!/usr/bin/env bash
# Generate the offline HTML report allure-report/ (repo root) from allure-results/, keeping the trend history.
#
# Allure 2 commandline comes from Maven Central (io.qameta.allure:allure-commandline:<version>:zip), is fetched
# into ~/.m2 by `mvn dependency:get` and unpacked under target/allure-cli/. It needs a JRE only.
# Before generating, the previous report's history/ is copied into allure-results/history/, which is how
# Allure 2 carries trends (pass/fail counts, durations, per-test history) from one report to the next.
#
# Usage: scripts/allure-report.sh [RESULTS_DIR] [REPORT_DIR]
#   env ALLURE_VERSION (default 2.32.0)
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
if [ -d "$REPORT/history" ]; then
  rm -rf "$RESULTS/history"
  cp -r "$REPORT/history" "$RESULTS/history"
fi

# generate next to the target, then swap, so a failed generation leaves the previous report intact
TMP_REPORT="$REPORT.partial"
rm -rf "$TMP_REPORT"
"$ALLURE" generate "$RESULTS" -o "$TMP_REPORT" --clean
rm -rf "$REPORT"
mv "$TMP_REPORT" "$REPORT"
echo "allure-report.sh: report in $REPORT (serve it over HTTP, e.g. scripts/report-screenshot.sh, or $ALLURE open $REPORT)"
