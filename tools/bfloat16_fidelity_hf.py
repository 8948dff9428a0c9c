#!/usr/bin/env python3
"""Third column of issue 20's fidelity check: HF transformers in bfloat16 against itself in float32.

Reads docs/bfloat16/fidelity-MODEL-engine.json (written by attendfirst.precision.Bfloat16Fidelity: the capitals
prompts as token ids, the engine's greedy ids with float32 and with bfloat16 products) and runs transformers on the
very same ids, from the same GGUF file (dequantised to float32; `dtype=torch.bfloat16` rounds every weight and runs
every op in bfloat16, as HF runs these models in bfloat16), eager attention, 1 thread, greedy with the KV cache for
8 new tokens, no stop rule. Writes docs/bfloat16/fidelity-MODEL-hf.json and prints one Markdown table row:
what bfloat16 costs inside transformers, next to what bfloat16 products cost inside the engine.

    python3 tools/bfloat16_fidelity_hf.py --model smollm2-135m-instruct [--limit N]
"""
import argparse
import json
import pathlib
import time

import golden_common as gc

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load(torch, name, dtype):
    from transformers import AutoModelForCausalLM
    path = gc.model_file(name)
    model = AutoModelForCausalLM.from_pretrained(
        str(path.parent), gguf_file=path.name, dtype=dtype, attn_implementation="eager")
    model.eval()
    return model


def greedy(torch, model, ids, new_tokens):
    """Last-position logits of the prompt (float32 copy) and the greedy ids, KV cache, no stop rule."""
    with torch.no_grad():
        out = model(input_ids=torch.tensor([ids]), use_cache=True)
        first = out.logits[0, -1].float().clone()
        past = out.past_key_values
        nxt = int(first.argmax())
        got = [nxt]
        while len(got) < new_tokens:
            out = model(input_ids=torch.tensor([[nxt]]), past_key_values=past, use_cache=True)
            past = out.past_key_values
            nxt = int(out.logits[0, -1].argmax())
            got.append(nxt)
    return first, got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    torch = gc.setup_torch()
    engine = json.loads((ROOT / f"docs/bfloat16/fidelity-{args.model}-engine.json").read_text())
    rows_in = engine["rows"][: args.limit or None]
    new_tokens = len(rows_in[0]["greedyFloat32"])
    f32 = load(torch, args.model, torch.float32)
    bf16 = load(torch, args.model, torch.bfloat16)
    rows = []
    seconds = {"float32": 0.0, "bfloat16": 0.0}
    for r in rows_in:
        ids = r["promptIds"]
        t0 = time.perf_counter()
        l32, g32 = greedy(torch, f32, ids, new_tokens)
        t1 = time.perf_counter()
        l16, g16 = greedy(torch, bf16, ids, new_tokens)
        t2 = time.perf_counter()
        seconds["float32"] += t1 - t0
        seconds["bfloat16"] += t2 - t1
        rows.append({
            "id": r["id"], "country": r["country"],
            "greedyFloat32": g32, "greedyBfloat16": g16, "sameGreedy": g32 == g16,
            "maxAbsLogitDiff": gc.sig(float((l32 - l16).abs().max())),
            "engineFloat32EqualsHfFloat32": g32 == r["greedyFloat32"],
            "engineBfloat16ProductsEqualsHfBfloat16": g16 == r["greedyBfloat16"],
        })
        print(f'{r["country"]:20s} hf bf16 same={g32 == g16} maxdiff={rows[-1]["maxAbsLogitDiff"]} '
              f'engine f32 == hf f32: {rows[-1]["engineFloat32EqualsHfFloat32"]}', flush=True)
    n = len(rows)
    out = {
        "model": args.model,
        "what": f"HF transformers {__import__('transformers').__version__}, torch {torch.__version__}, GGUF "
                f"dequantised, float32 vs dtype=torch.bfloat16 (weights and every op), eager attention, 1 thread, "
                f"{new_tokens} greedy tokens with the KV cache, no stop rule, the engine file's prompt ids",
        "examples": n,
        "sameGreedyShare": sum(r["sameGreedy"] for r in rows) / n,
        "sameFirstTokenShare": sum(r["greedyFloat32"][0] == r["greedyBfloat16"][0] for r in rows) / n,
        "maxAbsLogitDiff": max(r["maxAbsLogitDiff"] for r in rows),
        "engineFloat32EqualsHfFloat32Share": sum(r["engineFloat32EqualsHfFloat32"] for r in rows) / n,
        "seconds": seconds,
        "rows": rows,
    }
    dest = ROOT / f"docs/bfloat16/fidelity-{args.model}-hf.json"
    tmp = dest.with_suffix(".tmp")
    tmp.write_text(json.dumps(out, indent=1) + "\n")
    tmp.replace(dest)
    e_rows = engine["rows"][:n]
    e_same = sum(r["sameGreedy"] for r in e_rows)
    e_diff = max(r["maxAbsLogitDiff"] for r in e_rows)
    print(f"| {args.model} | {n} | engine: {e_same}/{n} same greedy, max logit diff {e_diff:.3g} "
          f"| HF bfloat16: {sum(r['sameGreedy'] for r in rows)}/{n} same greedy, max logit diff "
          f"{out['maxAbsLogitDiff']:.3g} | engine f32 = HF f32 greedy: "
          f"{sum(r['engineFloat32EqualsHfFloat32'] for r in rows)}/{n} |")


if __name__ == "__main__":
    main()
