#!/usr/bin/env bash
# Benchmarks of BENCHMARKS.md, Java and Python in ONE run, alternating, so that the ratios share the
# machine's load. Every result is a JSON file in $OUT; tools/bench_summary.py turns them into the tables.
#
#   scripts/bench.sh                  everything (about 25 minutes on 2 cores)
#   ROUNDS=1 PARTS="prefill" scripts/bench.sh
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
TOKENS=8   # the capitals task's own budget (Capitals.maxNewTokens), generated in full on every side
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)   # absolute: the Python side runs from tools/

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/cp.txt)"

# jvm THREADS CLASS ARGS...: DJL reads its thread counts once, at engine start, so one JVM per setting
jvm() {
  local threads=$1; shift
  java -cp "$CP" -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
       -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
hf() { (cd tools && python3 bench_hf.py --model "$MODEL" "$@"); }
step() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

{
  echo "{\"started\": \"$(date -u +%FT%TZ)\", \"nproc\": $(nproc), \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo " \"git\": \"$(git rev-parse --short HEAD)\", \"model\": \"$MODEL\", \"rounds\": $ROUNDS,"
  echo " \"command\": \"MODEL=$MODEL ROUNDS=$ROUNDS PARTS='$PARTS' RUNS=$RUNS FAST_PROMPTS=$FAST_PROMPTS SLOW_PROMPTS=$SLOW_PROMPTS SAMPLE_K='$SAMPLE_K' scripts/bench.sh\","
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

echo "{\"finished\": \"$(date -u +%FT%TZ)\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" > "$OUT/finished.json"
python3 tools/bench_summary.py "$OUT" | tee "$OUT/summary.md"
