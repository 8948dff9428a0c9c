"""The manipulation sweep of the Java SweepBench plan in HF transformers with hooks (used by bench_hf.py --plan).

Runs the plan's sample rows (plan["sampleLayers"] x all five kinds, 3 seeds for random and shuffle) on the
plan's token ids, generating plan["generateTokens"] tokens per row by recomputing the whole sequence at every
step with the hooks installed: the authors' way, and the only way hooks on full-sequence layer inputs stay
right while the sequence grows. Token ids and the inject position come from the plan (tokenized in Java), so
both sides run on the same tokens.
"""
import json
import sys
import time

import golden_common as gc
import golden_hooks as gh

SEEDS = [1, 2, 3]
KINDS = ["random", "shuffle", "freeze", "inject", "skip-attention"]


def load_model(name, attn):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    path = gc.model_file(name)
    tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32,
                                                 attn_implementation=attn)
    model.eval()
    return path, tok, model


def write_atomic(path, data):
    """Whole file or nothing (stdout stays clean: it carries the result JSON)."""
    import os
    import tempfile
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def rows(n_layers, sample_layers):
    """(kind, k, seed) in the Java order: kind, then k, then seed; seed 0 for the unseeded kinds."""
    out = []
    for kind in KINDS:
        for k in range(1 if kind == "freeze" else 0, n_layers):
            if k not in sample_layers:
                continue
            for s in (SEEDS if kind in ("random", "shuffle") else [0]):
                out.append((kind, k, s))
    return out


def freeze_growing(torch, model, k):
    """freeze(k) for a growing sequence: layer k-1's input of the CURRENT pass is captured and, for every
    layer l >= k, replaces the previous tokens' input (gh.freeze holds a fixed-length clean trace instead)."""
    layers = model.model.layers
    kept = {}

    def capture(module, args, kwargs):
        kept["h"] = gh._input_of(args, kwargs).detach().clone()

    def replace(module, args, kwargs):
        h = gh._input_of(args, kwargs).clone()
        h[0, :-1] = kept["h"][0, :-1]
        return gh._replace_input(args, kwargs, h)
    handles = [layers[k - 1].register_forward_pre_hook(capture, with_kwargs=True)]
    handles += [layer.register_forward_pre_hook(replace, with_kwargs=True) for layer in layers[k:]]
    return handles


def install(torch, model, kind, k, seed, position, vectors):
    if kind == "random":
        return gh.random_noise(torch, model, k, seed)
    if kind == "shuffle":
        return gh.shuffle(torch, model, k, seed)
    if kind == "freeze":
        return freeze_growing(torch, model, k)
    if kind == "inject":
        return gh.inject(torch, model, k, position, vectors[k])
    if kind == "skip-attention":
        return gh.skip_attention(torch, model, k)
    raise SystemExit(f"unknown kind {kind}")


def generate(torch, model, ids, handles, n):
    """n greedy tokens, full recomputation per token with `handles` installed; removes them at the end."""
    seq = list(ids)
    out = []
    try:
        with torch.no_grad():
            for _ in range(n):
                logits = model(input_ids=torch.tensor([seq]), use_cache=False, logits_to_keep=1).logits[0, -1]
                nxt = int(torch.argmax(logits))
                out.append(nxt)
                seq.append(nxt)
    finally:
        for h in handles:
            h.remove()
    return out


def plan_sweep(torch, model, plan, n_prompts, check_path):
    n_layers = len(model.model.layers)
    if n_layers != plan["nLayers"]:
        raise SystemExit(f"plan is for {plan['nLayers']} layers, model has {n_layers}")
    _, source_inputs = gh.layer_inputs(torch, model, torch.tensor([plan["sourceIds"]]))
    vectors = [source_inputs[k][plan["sourcePosition"]] for k in range(n_layers)]  # l -> (dim,)
    sample = rows(n_layers, set(plan["sampleLayers"]))
    generated = {}
    t0 = time.perf_counter()
    for e, prompt in enumerate(plan["prompts"][:n_prompts]):
        for kind, k, seed in sample:
            handles = install(torch, model, kind, k, seed, prompt["position"], vectors)
            generated[f"p{e}/{kind}/k{k}/s{seed}"] = generate(torch, model, prompt["ids"], handles,
                                                              plan["generateTokens"])
        print(f"prompt {e + 1}/{n_prompts}: {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    total = time.perf_counter() - t0
    runs = n_prompts * len(sample)
    if check_path:
        write_atomic(check_path, dict(sorted(generated.items())))
    return {"generation": f"exactly {plan['generateTokens']} tokens, full recomputation per token",
            "prompts": n_prompts, "sampledRuns": runs, "total_s": total, "seconds_per_run": total / runs,
            "extrapolated_seconds_per_prompt": total / runs * plan["rowsPerPrompt"]}
