#!/usr/bin/env python3
"""float16 goldens for the real models: HF transformers in half precision from the same GGUF file.

Usage: python3 tools/golden_float16.py --model smollm2-135m-instruct   (or --model gemma3-270m)
Output: src/test/resources/golden/<model>-float16.json

What a GPU runner computes in float16, done on CPU: `from_pretrained(..., dtype=torch.float16,
attn_implementation="eager")` dequantises the GGUF to float32 and rounds every weight to float16;
transformers then keeps the rotary tables, RMSNorm statistics and the softmax in float32 (see
tools/README.md, "float16"). float16 matrix products have no native path on this CPU (~2.6 GFLOP/s),
so the prompts are short and greedy decoding runs few steps (full recomputation, logits of the last
position only). Besides the values, the file records the float32 golden's answers for the same ids,
so the cost of half precision is visible in the file itself.
"""
import argparse

import golden_common as gc

PROMPTS = [
    {"name": "capitals", "text": gc.CAPITALS_PROMPT},
    {"name": "fox", "text": "The quick brown fox jumps over the lazy dog. The dog"},
]
TOP_K = 20
NEW_TOKENS = 8


def load(torch, name, dtype):
    from transformers import AutoModelForCausalLM, AutoTokenizer
    path = gc.model_file(name)
    tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(
        str(path.parent), gguf_file=path.name, dtype=dtype, attn_implementation="eager")
    model.eval()
    return path, tok, model


def top_k(row, k=TOP_K):
    values, ids = row.float().topk(k)
    return [[int(i), gc.sig(v)] for i, v in zip(ids.tolist(), values.tolist())]


def run(torch, model, ids):
    """Layer-input norms of the last position, last-position top-k, greedy ids with their top-k per step."""
    layers = gc.decoder_layers(model)
    captured = [None] * len(layers)
    handles = []
    for idx, layer in enumerate(layers):
        def pre_hook(module, args, kwargs, idx=idx):
            hidden = args[0] if args else kwargs["hidden_states"]
            captured[idx] = hidden[0, -1].detach().float().clone()
        handles.append(layer.register_forward_pre_hook(pre_hook, with_kwargs=True))

        def post_hook(module, args, output, idx=idx):
            out = output[0] if isinstance(output, tuple) else output
            bad = ~torch.isfinite(out[0]).all(dim=-1)
            if bool(bad.any()) and idx not in nonfinite:
                nonfinite[idx] = int(bad.nonzero()[0, 0])
        handles.append(layer.register_forward_hook(post_hook))
    nonfinite = {}
    try:
        with torch.no_grad():
            out = model(input_ids=ids, use_cache=False, logits_to_keep=1)
    finally:
        for h in handles:
            h.remove()
    last = out.logits[0, -1]
    finite = bool(torch.isfinite(last).all()) and all(bool(torch.isfinite(c).all()) for c in captured)
    norms = [gc.sig(float(c.norm())) for c in captured]
    seq = ids
    steps = []
    for _ in range(NEW_TOKENS):
        with torch.no_grad():
            row = model(input_ids=seq, use_cache=False, logits_to_keep=1).logits[0, -1]
        top2 = row.float().topk(2)
        nxt = int(top2.indices[0])
        steps.append({"id": nxt, "margin": gc.sig(float(top2.values[0] - top2.values[1]), 4), "top5": top_k(row, 5)})
        seq = torch.cat([seq, torch.tensor([[nxt]])], dim=1)
    first = min(nonfinite) if nonfinite else None
    return {"finite": finite,
            "first_nonfinite_layer_output": None if first is None else {"layer": first, "position": nonfinite[first]}, "last_top20": top_k(last), "last_layer_input_norms": norms, "greedy": steps}


def dtype_facts(torch, model):
    """What transformers keeps out of float16: checked, not assumed."""
    rotary = model.model.rotary_emb if hasattr(model.model, "rotary_emb") else None
    facts = {"weights": str(model.model.embed_tokens.weight.dtype)}
    if rotary is not None:
        for name, buf in rotary.named_buffers():
            facts[f"rotary_{name}"] = str(buf.dtype)
    norm = model.model.norm
    facts["final_norm_weight"] = str(norm.weight.dtype)
    return facts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    torch = gc.setup_torch()
    fx = gc.fixture(args.model)
    path, tok, model = load(torch, args.model, torch.float16)
    _, _, model32 = load(torch, args.model, torch.float32)
    prompts = []
    for prompt in PROMPTS:
        ids = tok(prompt["text"])["input_ids"]
        t = torch.tensor([ids])
        half = run(torch, model, t)
        with torch.no_grad():
            ref = model32(input_ids=t, use_cache=False, logits_to_keep=1).logits[0, -1]
        half["name"] = prompt["name"]
        half["text"] = prompt["text"]
        half["token_ids"] = ids
        half["float32_last_top20"] = top_k(ref)
        greedy = [s["id"] for s in half["greedy"]]
        half["greedy_text"] = tok.decode(greedy)
        prompts.append(half)
        print(f"{args.model}/{prompt['name']}: finite={half['finite']} next={half['last_top20'][0]} "
              f"float32 next={half['float32_last_top20'][0]} greedy={half['greedy_text']!r}")
    result = {
        "model": args.model,
        "architecture": fx["architecture"],
        "file": path.name,
        "file_sha256": gc.sha256(path),
        "versions": gc.versions(),
        "settings": {"dtype": "float16", "device": "cpu", "attn_implementation": "eager", "torch_threads": 1,
                     "greedy": "argmax of the last position's logits, full recomputation each step, "
                               f"{NEW_TOKENS} steps, not stopped at EOS",
                     "layer_input_norms": "L2 norm of the last position's layer-k input (pre-hook), in float32"},
        "dtype_facts": dtype_facts(torch, model),
        "prompts": prompts,
    }
    gc.write_json_atomic(gc.GOLDEN_DIR / f"{args.model}-float16.json", result)


if __name__ == "__main__":
    main()
