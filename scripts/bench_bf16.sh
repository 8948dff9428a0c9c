#!/usr/bin/env bash
# Issue 20: the production sweep with bfloat16 products against float32 products on the same examples, alternating
# in one script so that the ratios share the machine's load, plus the product rates both are measured against.
#
#   ROUNDS=2 TASKS="capitals:4" scripts/bench_bf16.sh
#
# Per round: ProductionSweepBench run with float32 products, then with bfloat16 products (the main plan's settings:
# 2 seeds, layer stride 2, 2 workers x 1 thread), then the product rates (ProductionSweepBench peak: float32
# 256x576 @ 576x1536, median of 30; Bfloat16ProductBench 256: the same shape fused, separate, pure bfloat16). On a
# CPU without native bfloat16 (no avx512_bf16 / amx_bf16 in /proc/cpuinfo) a claims run refuses bfloat16 products;
# EMULATE=true (default) lets the bench run them anyway, emulated by libtorch, to measure what the refusal saves.
# Environment: MODEL (smollm2-135m-instruct), ROUNDS (2), TASKS (ProductionSweepBench example specs, "capitals:4"),
# EMULATE (true), OUT (target/bench/bf16-<utc time>). Every result is a JSON file in OUT; load averages in log.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-smollm2-135m-instruct}
ROUNDS=${ROUNDS:-2}
TASKS=${TASKS:-"capitals:4"}
EMULATE=${EMULATE:-true}
OUT=${OUT:-target/bench/bf16-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/cp.txt)"
jvm() {
  local threads=$1; shift
  java -Xmx8g -cp "$CP" -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
       -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@"
}
log() { echo "[$(date -u +%H:%M:%S)] load $(cut -d' ' -f1-3 /proc/loadavg): $*" | tee -a "$OUT/log.txt" >&2; }
log "git $(git rev-parse --short HEAD), cpu flags bf16: $(grep -m1 flags /proc/cpuinfo | grep -o -E 'avx512_bf16|amx_bf16' | tr '\n' ' ')"
log "examples $TASKS"
jvm 1 attendfirst.bench.ProductionSweepBench examples "$MODEL" "$OUT/examples.json" $TASKS
for r in $(seq 1 "$ROUNDS"); do
  log "round $r float32 products"
  jvm 1 -Dattendfirst.products=float32 attendfirst.bench.ProductionSweepBench run "$MODEL" "$OUT/examples.json" \
      > "$OUT/round$r-float32.json"
  log "round $r bfloat16 products (emulate=$EMULATE)"
  jvm 1 -Dattendfirst.products=bfloat16 -Dattendfirst.bench.emulateBfloat16="$EMULATE" \
      attendfirst.bench.ProductionSweepBench run "$MODEL" "$OUT/examples.json" > "$OUT/round$r-bfloat16.json"
  log "round $r product rates"
  jvm 1 attendfirst.bench.ProductionSweepBench peak > "$OUT/round$r-peak-float32.json"
  jvm 1 attendfirst.model.Bfloat16ProductBench 256 > "$OUT/round$r-peak-bfloat16.json"
done
log "done"
python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rounds = sorted({p.name.split("-")[0] for p in out.glob("round*-float32.json")})
print("| round | float32 products s | bfloat16 products s | bf16/f32 time | f32 GFLOP/s (computed) | bf16 GFLOP/s | float32 peak | bf16 fused | bf16 pure |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rounds:
    a = json.loads((out / f"{r}-float32.json").read_text())
    b = json.loads((out / f"{r}-bfloat16.json").read_text())
    pf = json.loads((out / f"{r}-peak-float32.json").read_text())
    pb = json.loads((out / f"{r}-peak-bfloat16.json").read_text())["results"][0]
    fa = sum(t["flopsComputed"] for t in a["tasks"]) / a["seconds"] / 1e9
    fb = sum(t["flopsComputed"] for t in b["tasks"]) / b["seconds"] / 1e9
    print(f"| {r} | {a['seconds']:.1f} | {b['seconds']:.1f} | {b['seconds'] / a['seconds']:.1f} | {fa:.1f} | {fb:.2f} "
          f"| {pf['gflopPerSecond']:.1f} | {pb['fused']['gflops']} | {pb['pure']['gflops']} |")
PY
