#!/usr/bin/env bash
# Benchmarks of BENCHMARKS.md, Java and Python in ONE run, alternating, so that the ratios share the
# machine's load. Every result is a JSON file in $OUT; tools/bench_summary.py turns them into the tables.
#
#   scripts/bench.sh                  prefill, sweep and production (about 25 minutes on 2 cores)
#   ROUNDS=1 PARTS="prefill" scripts/bench.sh
#   ROUNDS=1 PARTS="engine" scripts/bench.sh   issue 11: main's engine vs this one on the production sweep
#
# Part "engine" builds main's engine (MAIN_COMMIT, default 61f1614) in a git worktree under /tmp, then per round
# times, alternating: main's engine (2 workers x 1 thread, scripts/bench_main/MainEngineSweep.java), this engine
# at 2 workers x 1 thread, at 1 worker x 2 threads, and at 2 x 1 with a small batch budget (ENGINE_SMALL_BUDGET,
# about one prompt's rows per batch: little cross-prompt batching), each on the same examples (ENGINE_TASKS,
# default "capitals:30:known squad:8": the main plan's capitals known examples and one long task), plus the
# float32 matrix-product peak at 1 and 2 threads. tools/bench_engine_summary.py turns the JSON into the table.
#
# Environment: MODEL (default smollm2-135m-instruct), ROUNDS (2), PARTS ("prefill sweep production"),
# OUT (target/bench/run-<utc time>), RUNS (prefill repetitions per process, 8), FAST_PROMPTS (3),
# SLOW_PROMPTS (1), SAMPLE_K ("0 15 29": the layers the naive and HF sides run; their cost does not depend on k).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-smollm2-135m-instruct}
ROUNDS=${ROUNDS:-2}
PARTS=${PARTS:-"prefill sweep production"}
OUT=${OUT:-target/bench/run-$(date -u +%Y%m%dT%H%M%SZ)}
RUNS=${RUNS:-8}
FAST_PROMPTS=${FAST_PROMPTS:-3}
SLOW_PROMPTS=${SLOW_PROMPTS:-1}
SAMPLE_K=${SAMPLE_K:-"0 15 29"}
MAIN_COMMIT=${MAIN_COMMIT:-61f1614}
ENGINE_TASKS=${ENGINE_TASKS:-"capitals:30:known squad:8"}
ENGINE_SMALL_BUDGET=${ENGINE_SMALL_BUDGET:-512}
TOKENS=8   # the capitals task's own budget (Capitals.maxNewTokens), generated in full on every side
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)   # absolute: the Python side runs from tools/

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/cp.txt)"

# jvm THREADS CLASS ARGS...: DJL reads its thread counts once, at engine start, so one JVM per setting
jvm() {
  local threads=$1; shift
  jvm_cp "$CP" "$threads" "$@"
}
jvm_cp() {
  local cp=$1 threads=$2; shift 2
  java -cp "$cp" -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
       -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
hf() { (cd tools && python3 bench_hf.py --model "$MODEL" "$@"); }
step() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

{
  echo "{\"started\": \"$(date -u +%FT%TZ)\", \"nproc\": $(nproc), \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo " \"git\": \"$(git rev-parse --short HEAD)\", \"model\": \"$MODEL\", \"rounds\": $ROUNDS,"
  echo " \"command\": \"MODEL=$MODEL ROUNDS=$ROUNDS PARTS='$PARTS' ENGINE_TASKS='$ENGINE_TASKS' RUNS=$RUNS FAST_PROMPTS=$FAST_PROMPTS SLOW_PROMPTS=$SLOW_PROMPTS SAMPLE_K='$SAMPLE_K' scripts/bench.sh\","
  echo " \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\"}"
} > "$OUT/machine.json"

if [[ " $PARTS " == *" prefill "* ]]; then
  # issue 2: the same 64 ids on both sides, tokenized once in Java
  jvm 1 attendfirst.bench.PrefillDecodeBench ids "$MODEL" "$OUT/ids.json"
  for r in $(seq 1 "$ROUNDS"); do
    for t in 1 2; do
      step "prefill round $r, $t thread(s): java"
      jvm "$t" attendfirst.bench.PrefillDecodeBench run "$MODEL" "$OUT/ids.json" "$RUNS" > "$OUT/prefill_java_t${t}_r${r}.json"
      step "prefill round $r, $t thread(s): hf"
      hf --ids "$OUT/ids.json" --threads "$t" --runs "$RUNS" > "$OUT/prefill_hf_t${t}_r${r}.json"
    done
  done
fi

if [[ " $PARTS " == *" sweep "* || " $PARTS " == *" production "* ]]; then
  # shellcheck disable=SC2086
  jvm 1 attendfirst.bench.SweepBench plan "$MODEL" "$OUT/plan.json" "$TOKENS" $SAMPLE_K
fi

if [[ " $PARTS " == *" sweep "* ]]; then
  # issue 3, per core: every side on one intra-op thread in one process
  for r in $(seq 1 "$ROUNDS"); do
    step "sweep round $r: java fast, $FAST_PROMPTS prompts"
    jvm 1 attendfirst.bench.SweepBench fast "$MODEL" "$OUT/plan.json" "$FAST_PROMPTS" 1 6 fixed \
        "$OUT/check_fast_r${r}.json" > "$OUT/sweep_fast_r${r}.json"
    step "sweep round $r: java naive, $SLOW_PROMPTS prompt(s), sample rows"
    jvm 1 attendfirst.bench.SweepBench naive "$MODEL" "$OUT/plan.json" "$SLOW_PROMPTS" \
        "$OUT/check_naive_r${r}.json" > "$OUT/sweep_naive_r${r}.json"
    step "sweep round $r: hf hooks, $SLOW_PROMPTS prompt(s), sample rows"
    hf --plan "$OUT/plan.json" --max-prompts "$SLOW_PROMPTS" --threads 1 \
        --check "$OUT/check_hf_r${r}.json" > "$OUT/sweep_hf_r${r}.json"
  done
fi

if [[ " $PARTS " == *" production "* ]]; then
  # the project's own setting: 1 intra-op thread, 2 workers, the capitals stop rule, all 50 prompts
  step "production sweep: java fast, 50 prompts, 2 workers, task stop rule"
  jvm 1 attendfirst.bench.SweepBench fast "$MODEL" "$OUT/plan.json" 50 2 6 task > "$OUT/sweep_production.json"
fi

if [[ " $PARTS " == *" engine "* ]]; then
  MAIN_DIR=/tmp/af-main-$MAIN_COMMIT
  if [[ ! -d "$MAIN_DIR" ]]; then
    git worktree add --detach "$MAIN_DIR" "$MAIN_COMMIT" >&2
  fi
  cp scripts/bench_main/MainEngineSweep.java "$MAIN_DIR/src/test/java/attendfirst/sweep/"
  (cd "$MAIN_DIR" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
      -Dattendfirst.skipFetch=true >/dev/null)
  MAIN_CP="$MAIN_DIR/target/classes:$MAIN_DIR/target/test-classes:$(cat "$MAIN_DIR/target/cp.txt")"
  step "engine: choosing the examples ($ENGINE_TASKS)"
  # shellcheck disable=SC2086
  jvm 1 -Dattendfirst.workers=2 attendfirst.bench.ProductionSweepBench examples "$MODEL" "$OUT/engine_examples.json" $ENGINE_TASKS
  for r in $(seq 1 "$ROUNDS"); do
    step "engine round $r: main $MAIN_COMMIT, 2 workers x 1 thread"
    jvm_cp "$MAIN_CP" 1 -Dattendfirst.workers=2 attendfirst.sweep.MainEngineSweep "$MODEL" "$OUT/engine_examples.json" \
        > "$OUT/engine_main_w2t1_r${r}.json"
    step "engine round $r: new, 2 workers x 1 thread"
    jvm 1 -Dattendfirst.workers=2 attendfirst.bench.ProductionSweepBench run "$MODEL" "$OUT/engine_examples.json" \
        > "$OUT/engine_new_w2t1_r${r}.json"
    step "engine round $r: new, 1 worker x 2 threads"
    jvm 2 -Dattendfirst.workers=1 attendfirst.bench.ProductionSweepBench run "$MODEL" "$OUT/engine_examples.json" \
        > "$OUT/engine_new_w1t2_r${r}.json"
    step "engine round $r: new, 2 workers x 1 thread, batch budget $ENGINE_SMALL_BUDGET"
    jvm 1 -Dattendfirst.workers=2 -Dattendfirst.batchBudget="$ENGINE_SMALL_BUDGET" attendfirst.bench.ProductionSweepBench \
        run "$MODEL" "$OUT/engine_examples.json" > "$OUT/engine_new_w2t1_small_r${r}.json"
    for t in 1 2; do
      jvm "$t" attendfirst.bench.ProductionSweepBench peak > "$OUT/engine_peak_t${t}_r${r}.json"
    done
  done
  python3 tools/bench_engine_summary.py "$OUT" | tee "$OUT/engine_summary.md"
fi

echo "{\"finished\": \"$(date -u +%FT%TZ)\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" > "$OUT/finished.json"
if [[ " $PARTS " == *" prefill "* || " $PARTS " == *" sweep "* || " $PARTS " == *" production "* ]]; then
  python3 tools/bench_summary.py "$OUT" | tee "$OUT/summary.md"
fi
