#!/usr/bin/env python3
"""Reference logits for the paper's manipulations on SmolLM2-135M-Instruct (GGUF via transformers).

Usage: python3 tools/golden_manipulations.py [--model smollm2-135m-instruct]
Output: src/test/resources/golden/manipulations-<short>.json (format: tools/README.md)

Full recomputation of the whole sequence, hooks as defined in tools/golden_hooks.py, float32, CPU,
eager attention, one thread. random(k) is left out on purpose: its noise generator lives in Java.
"""
import argparse

import golden_common as gc
import golden_hooks as gh

FREEZE_KS = [1, 5, 15, 25, 29]
SKIP_KS = [0, 10, 20, 29, 30]
INJECT_KS = [0, 5, 10, 15, 20, 25, 29]
SOURCE_PROMPT = "The country Italy"
TOP_K = 20
SHORT = {"smollm2-135m-instruct": "smollm2", "gemma3-270m": "gemma3"}


def summary(tok, logits_row):
    values, ids = logits_row.topk(TOP_K)
    nxt = int(ids[0])
    return {"top20": [[int(i), gc.sig(v)] for i, v in zip(ids.tolist(), values.tolist())],
            "next_id": nxt, "next_text": tok.decode([nxt])}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    args = parser.parse_args()
    torch = gc.setup_torch()
    path, tok, model = gc.load_gguf_model(args.model)
    n_layers = len(model.model.layers)

    p, target_ids = gh.last_token_of(tok, gc.CAPITALS_PROMPT, "France")
    src_pos, source_ids = gh.last_token_of(tok, SOURCE_PROMPT, "Italy")
    ids = torch.tensor([target_ids])
    clean_logits, clean_inputs = gh.layer_inputs(torch, model, ids)
    _, source_inputs = gh.layer_inputs(torch, model, torch.tensor([source_ids]))
    # Sanity: the hooks machinery with no hooks reproduces the clean logits exactly.
    if not torch.equal(gh.run(torch, model, ids, []), clean_logits):
        raise SystemExit("hook-free rerun differs from the clean run: nondeterministic forward?")

    runs = []
    for k in FREEZE_KS:
        logits = gh.run(torch, model, ids, gh.freeze(torch, model, k, clean_inputs))
        runs.append({"manipulation": "freeze", "k": k} | summary(tok, logits[-1]))
    for k in SKIP_KS:
        logits = gh.run(torch, model, ids, gh.skip_attention(torch, model, k))
        runs.append({"manipulation": "skipAttention", "k": k} | summary(tok, logits[-1]))
    for k in INJECT_KS:
        v = source_inputs[k][src_pos]
        logits = gh.run(torch, model, ids, gh.inject(torch, model, k, p, v))
        runs.append({"manipulation": "inject", "k": k, "position": p, "source_position": src_pos}
                    | summary(tok, logits[-1]))
    for r in runs:
        print(f"{r['manipulation']}({r['k']}): next={r['next_id']} {r['next_text']!r} logit={r['top20'][0][1]}")

    # no-op checks the Java side can rely on: skipAttention(L) leaves the clean logits unchanged
    noop = next(r for r in runs if r["manipulation"] == "skipAttention" and r["k"] == n_layers)
    if noop["top20"] != summary(tok, clean_logits[-1])["top20"]:
        raise SystemExit("skipAttention(L) changed the logits")

    result = {
        "model": args.model,
        "file": path.name,
        "file_sha256": gc.sha256(path),
        "versions": gc.versions(),
        "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager", "kv_cache": False,
                     "torch_threads": 1},
        "num_layers": n_layers,
        "prompt": gc.CAPITALS_PROMPT,
        "prompt_token_ids": target_ids,
        "prompt_tokens": tok.convert_ids_to_tokens(target_ids),
        "position_france": p,
        "source_prompt": SOURCE_PROMPT,
        "source_token_ids": source_ids,
        "source_tokens": tok.convert_ids_to_tokens(source_ids),
        "source_position_italy": src_pos,
        "clean": summary(tok, clean_logits[-1]),
        "runs": runs,
    }
    gc.write_json_atomic(gc.GOLDEN_DIR / f"manipulations-{SHORT.get(args.model, args.model)}.json", result)


if __name__ == "__main__":
    main()
