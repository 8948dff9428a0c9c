#!/usr/bin/env python3
"""HF transformers baseline timings for BENCHMARKS.md ratios (float32, CPU, 2 torch threads).

Usage:
  python3 tools/bench_hf.py [--model smollm2-135m-instruct] [--runs 10] [--warmup 2] [--threads 2]
  python3 tools/bench_hf.py --sweep PROMPTS_JSON      (PROMPTS_JSON: a JSON list of prompt strings)
  python3 tools/bench_hf.py --sweep default           (5 capitals prompts in the paper's format)
  python3 tools/bench_hf.py --sweep PROMPTS_JSON --max-prompts 2   (first 2 prompts only)
  python3 tools/bench_hf.py --ids IDS_JSON --threads 1     (prefill/generate on the ids Java wrote, see scripts/bench.sh)
  python3 tools/bench_hf.py --plan PLAN_JSON --max-prompts 1 --threads 1 --check OUT.json
      (the Java SweepBench plan's sample rows, generating with full recomputation per token: the authors' way)

Prints one JSON object on stdout (progress on stderr):
  prefill:  median seconds for one forward pass over a 64-token prompt (no cache)
  generate: median seconds for 32 greedy tokens with transformers' KV cache (prefill included)
  sweep:    total seconds and forward passes per second for the full manipulation sweep
"""
import argparse
import json
import statistics
import sys
import time

import golden_common as gc
import golden_hooks as gh
import bench_hf_plan as bp

COUNTRIES = ["France", "Germany", "Japan", "Egypt", "Canada"]
PREFILL_TOKENS = 64
GENERATE_TOKENS = 32
SEEDS = [0, 1, 2]
PARAGRAPH = ("The history of the printing press begins in the fifteenth century, when Johannes Gutenberg combined "
             "movable metal type, oil-based ink and a wooden screw press. Within fifty years, printers in more than "
             "two hundred European cities had produced millions of books, and the cost of a copy fell so far that "
             "ordinary merchants could afford their own libraries, which changed how ideas travelled across Europe.")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def default_prompts():
    return [gc.CAPITALS_PROMPT.replace("France", c) for c in COUNTRIES]


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "min_s": min(times), "runs": runs, "warmup": warmup}


def bench_prefill_generate(torch, model, tok, runs, warmup, given_ids=None):
    ids = tok(PARAGRAPH)["input_ids"] if given_ids is None else given_ids
    if len(ids) < PREFILL_TOKENS:
        raise SystemExit(f"benchmark paragraph has {len(ids)} tokens, need {PREFILL_TOKENS}")
    ids = torch.tensor([ids[:PREFILL_TOKENS]])
    generated = []

    def prefill():
        # logits of the last position only, as generation needs (and as the Java side computes)
        with torch.no_grad():
            model(input_ids=ids, use_cache=False, logits_to_keep=1)

    def generate():
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=GENERATE_TOKENS, min_new_tokens=GENERATE_TOKENS, do_sample=False,
                                 num_beams=1, pad_token_id=tok.eos_token_id)
        generated[:] = out[0, ids.shape[1]:].tolist()
    p = timed(prefill, runs, warmup)
    p["tokens"] = PREFILL_TOKENS
    g = timed(generate, max(3, runs // 2), 1)
    g["prompt_tokens"] = PREFILL_TOKENS
    g["new_tokens"] = GENERATE_TOKENS
    g["tokens_per_s"] = GENERATE_TOKENS / g["median_s"]
    g["generated_ids"] = generated
    return p, g


def sweep(torch, model, tok, prompts):
    """Every k in 0..L: random x3 seeds, shuffle x3 seeds, freeze (k >= 1), inject, skipAttention.

    k = L is included as the paper's "no manipulation" end of the curve (hooks find no layer L).
    inject uses the layer-k input of " <country>" from "The country Italy" at the last token of the
    prompt's last country name.
    """
    n_layers = len(model.model.layers)
    src_pos, source_ids = gh.last_token_of(tok, "The country Italy", "Italy")
    _, source_inputs = gh.layer_inputs(torch, model, torch.tensor([source_ids]))
    passes = 0
    t0 = time.perf_counter()
    for i, prompt in enumerate(prompts):
        country = prompt.rstrip().split("capital of ")[-1].split("?")[0]
        p, prompt_ids = gh.last_token_of(tok, prompt, country)
        ids = torch.tensor([prompt_ids])
        _, clean_inputs = gh.layer_inputs(torch, model, ids)
        passes += 1
        for k in range(n_layers + 1):
            v = source_inputs[k][src_pos] if k < n_layers else None
            # hooks are created right before their pass so that only one manipulation is ever installed
            for make in _makers(torch, model, k, clean_inputs, p, v):
                gh.run(torch, model, ids, make())
                passes += 1
        log(f"prompt {i + 1}/{len(prompts)}: {passes} passes, {time.perf_counter() - t0:.1f}s")
    total = time.perf_counter() - t0
    return {"prompts": len(prompts), "num_layers": n_layers, "forward_passes": passes, "total_s": total,
            "passes_per_s": passes / total, "seconds_per_prompt": total / len(prompts)}


def _makers(torch, model, k, clean_inputs, p, v):
    makers = [lambda s=s: gh.random_noise(torch, model, k, s) for s in SEEDS]
    makers += [lambda s=s: gh.shuffle(torch, model, k, s) for s in SEEDS]
    if k >= 1:
        makers.append(lambda: gh.freeze(torch, model, k, clean_inputs))
    makers.append(lambda: gh.inject(torch, model, k, p, v))
    makers.append(lambda: gh.skip_attention(torch, model, k))
    return makers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sweep", metavar="PROMPTS_JSON", help="JSON list of prompts, or 'default'")
    parser.add_argument("--ids", metavar="IDS_JSON", help="prefill/generate on these ids ({'ids': [...]}, from Java)")
    parser.add_argument("--plan", metavar="PLAN_JSON", help="SweepBench plan: sample rows with per-token recomputation")
    parser.add_argument("--check", metavar="OUT_JSON", help="with --plan: write the generated ids of every row")
    parser.add_argument("--attn", default="sdpa", choices=["sdpa", "eager"],
                        help="attention implementation (sdpa is transformers' default and its fastest on CPU)")
    parser.add_argument("--max-prompts", type=int, default=None,
                        help="sweep only the first N prompts (throughput is per pass, so a few prompts suffice)")
    args = parser.parse_args()
    torch = gc.setup_torch()
    torch.set_num_interop_threads(1)  # as the Java side (ai.djl.pytorch.num_interop_threads=1)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(False)  # golden setting; a benchmark measures the default kernels
    path, tok, model = bp.load_model(args.model, args.attn)
    result = {"side": "python-hf", "model": args.model, "file": path.name, "versions": gc.versions(),
              "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": args.attn,
                           "torch_threads": torch.get_num_threads(),
                           "torch_interop_threads": torch.get_num_interop_threads()}}
    if args.plan:
        result["plan_sweep"] = bp.plan_sweep(torch, model, json.loads(open(args.plan).read()),
                                             args.max_prompts or 1, args.check)
    elif args.ids:
        given = json.loads(open(args.ids).read())["ids"]
        result["prefill"], result["generate"] = bench_prefill_generate(torch, model, tok, args.runs, args.warmup, given)
    elif args.sweep:
        prompts = default_prompts() if args.sweep == "default" else json.loads(open(args.sweep).read())
        if not isinstance(prompts, list) or not all(isinstance(x, str) for x in prompts):
            raise SystemExit(f"{args.sweep}: expected a JSON list of strings")
        prompts = prompts[:args.max_prompts] if args.max_prompts else prompts
        result["sweep"] = sweep(torch, model, tok, prompts)
    else:
        result["prefill"], result["generate"] = bench_prefill_generate(torch, model, tok, args.runs, args.warmup)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
