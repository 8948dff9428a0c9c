#!/usr/bin/env python3
"""Golden values for a real model, computed by HF transformers from the same GGUF file.

Usage: python3 tools/golden_model.py --model smollm2-135m-instruct   (or gemma3-270m, qwen2.5-coder-0.5b-instruct,
       qwen2.5-coder-1.5b-instruct; the qwen2 models get their own prompts, PROMPTS_QWEN2, used by no other test)
Output: src/test/resources/golden/<model>.json  (format: tools/README.md)

The model is the GGUF named by fixtures/models/<model>.json, read from $ATTEND_FIRST_CACHE/models
(default ~/.cache/attend-first/models). transformers dequantises it to float32; attention is the
eager implementation; one CPU thread. Layer inputs are captured with forward pre-hooks on the
decoder layers (and checked against output_hidden_states), so "layer k input" is unambiguous.
"""
import argparse
import math

import golden_common as gc

PROMPTS = [
    {"name": "capitals", "text": gc.CAPITALS_PROMPT},
    {"name": "one-word", "text": "Hello"},
    {"name": "mixed", "text": "Café prices rose 12.5% in 2024 — déjà vu? 🚀  Yes,   really!! (3/4 of 1,000)"},
    {"name": "long", "text": (
        "The history of the printing press begins in the fifteenth century, when Johannes Gutenberg "
        "combined movable metal type, oil-based ink and a wooden screw press. Within fifty years, "
        "printers in more than two hundred European cities had produced millions of books, and the "
        "cost of a copy fell so far that ordinary merchants could afford")},
    {"name": "newline-leading", "text": "\nThe quick brown fox jumps over the lazy dog.\nIt"},
]
# Qwen2.5 (issue 21): prompts that no test of the suite otherwise feeds a model -- code, digits the qwen2 split
# takes one by one, contractions in capitals, CJK, a decomposed accent (NFC), line breaks after symbols
PROMPTS_QWEN2 = [
    {"name": "code", "text": "def fibonacci(n):\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n    if n < 2:\n        return"},
    {"name": "digits", "text": "In 1969, 3 astronauts flew 384400 km; WE'LL SEE IT'S TRUE. The total was"},
    {"name": "unicode", "text": "Cafe\u0301 au lait in Zu\u0308rich costs 4,50 CHF;\n\t东京 has many cafés. Their best"},
    {"name": "story", "text": (
        "Once upon a time, a lighthouse keeper on a small island kept a journal of every ship that passed. "
        "One stormy night in November, he wrote that")},
]
TOP_K = 20
NEW_TOKENS = 20


def top_k(logits_row, k=TOP_K):
    values, ids = logits_row.topk(k)
    return [[int(i), gc.sig(v)] for i, v in zip(ids.tolist(), values.tolist())]


def forward_capture(torch, model, ids):
    """One full forward pass; returns logits (seq, vocab), layer inputs [L] of (seq, dim), final norm (seq, dim)."""
    layers = gc.decoder_layers(model)
    inputs = [None] * len(layers)
    final = {}
    handles = []
    for idx, layer in enumerate(layers):
        def pre_hook(module, args, kwargs, idx=idx):
            hidden = args[0] if args else kwargs["hidden_states"]
            inputs[idx] = hidden[0].detach().clone()
        handles.append(layer.register_forward_pre_hook(pre_hook, with_kwargs=True))
    handles.append(model.model.norm.register_forward_hook(
        lambda module, args, output: final.__setitem__("h", output[0].detach().clone())))
    try:
        with torch.no_grad():
            out = model(input_ids=ids, output_hidden_states=True, use_cache=False)
    finally:
        for h in handles:
            h.remove()
    hs = out.hidden_states
    # Cross-check: our pre-hook captures are exactly transformers' hidden_states[k] for k < L.
    for k in range(len(layers)):
        if not torch.equal(hs[k][0], inputs[k]):
            raise SystemExit(f"layer {k}: pre-hook input differs from hidden_states[{k}]")
    last_is_normed = bool(torch.equal(hs[len(layers)][0], final["h"]))
    return out.logits[0], inputs, final["h"], last_is_normed, len(hs)


def greedy(torch, model, ids, n):
    """Plain argmax, full recomputation each step, never stopped at EOS, no logit processors."""
    seq = ids
    new_ids, margins = [], []
    for _ in range(n):
        with torch.no_grad():
            logits = model(input_ids=seq, use_cache=False).logits[0, -1]
        top2 = logits.topk(2)
        nxt = int(top2.indices[0])
        new_ids.append(nxt)
        margins.append(gc.sig(float(top2.values[0] - top2.values[1]), 4))
        seq = torch.cat([seq, torch.tensor([[nxt]])], dim=1)
    return new_ids, margins


def greedy_cached(torch, model, ids, n):
    """The same argmax decoding with transformers' KV cache (generate, no processors, not stopped at EOS): used for
    the 1.5B model, whose full recomputation per step is too slow on a shared 2-core machine. Margins come from the
    raw logits of each step (output_logits)."""
    with torch.no_grad():
        out = model.generate(ids, max_new_tokens=n, do_sample=False, num_beams=1, eos_token_id=None,
                             pad_token_id=0, output_logits=True, return_dict_in_generate=True)
    new_ids = out.sequences[0, ids.shape[1]:].tolist()
    margins = []
    for step, logits in enumerate(out.logits):
        top2 = logits[0].topk(2)
        if int(top2.indices[0]) != new_ids[step]:
            raise SystemExit(f"generate step {step}: chose {new_ids[step]} but the argmax is {int(top2.indices[0])}")
        margins.append(gc.sig(float(top2.values[0] - top2.values[1]), 4))
    return new_ids, margins


def config_summary(model, arch):
    c = model.config
    head_dim = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
    rope = getattr(c, "rope_parameters", None)
    summary = {
        "model_type": c.model_type,
        "num_hidden_layers": c.num_hidden_layers,
        "hidden_size": c.hidden_size,
        "intermediate_size": c.intermediate_size,
        "num_attention_heads": c.num_attention_heads,
        "num_key_value_heads": c.num_key_value_heads,
        "head_dim": head_dim,
        "rms_norm_eps": c.rms_norm_eps,
        "vocab_size": c.vocab_size,
        "tie_word_embeddings": bool(c.tie_word_embeddings),
        "max_position_embeddings": c.max_position_embeddings,
        "rope_parameters": rope,
        "bos_token_id": c.bos_token_id,
        "eos_token_id": c.eos_token_id,
        "hidden_act": getattr(c, "hidden_act", None) or getattr(c, "hidden_activation", None),
        "lm_head_is_embedding": model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr(),
    }
    if arch == "gemma3":
        summary.update({
            "sliding_window": c.sliding_window,
            "layer_types": list(c.layer_types),
            "query_pre_attn_scalar": c.query_pre_attn_scalar,
            "rope_theta_full_attention": rope["full_attention"]["rope_theta"],
            "rope_local_base_freq_sliding_attention": rope["sliding_attention"]["rope_theta"],
            "final_logit_softcapping": c.final_logit_softcapping,
            "attn_logit_softcapping": c.attn_logit_softcapping,
            "embed_scale": float(model.model.embed_tokens.embed_scale),
        })
    return summary


def gguf_metadata(path):
    """Scalar architecture keys straight from the GGUF header (tokenizer arrays left out)."""
    from gguf import GGUFReader
    reader = GGUFReader(str(path))
    meta = {}
    for key, field in reader.fields.items():
        if key.startswith("tokenizer.ggml.") and key not in (
                "tokenizer.ggml.model", "tokenizer.ggml.pre", "tokenizer.ggml.bos_token_id",
                "tokenizer.ggml.eos_token_id", "tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token",
                "tokenizer.ggml.padding_token_id", "tokenizer.ggml.unknown_token_id"):
            continue
        if key.startswith("tokenizer.chat_template"):
            continue
        try:
            value = field.contents()
        except Exception:
            continue
        if isinstance(value, list) and len(value) > 64:
            continue
        if isinstance(value, float):
            value = gc.sig(value)
        meta[key] = value
    return meta


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="fixture name, e.g. smollm2-135m-instruct or gemma3-270m")
    parser.add_argument("--greedy-cache", action="store_true",
                        help="greedy continuation with transformers' KV cache instead of full recomputation per step")
    args = parser.parse_args()
    torch = gc.setup_torch()
    fx = gc.fixture(args.model)
    arch = fx["architecture"]
    path, tok, model = gc.load_gguf_model(args.model)
    n_layers = len(gc.decoder_layers(model))

    prompts_out = []
    hs_len = last_is_normed = None
    for prompt in (PROMPTS_QWEN2 if arch == "qwen2" else PROMPTS):
        enc = tok(prompt["text"])
        ids = enc["input_ids"]
        bos = tok.bos_token_id
        bos_added = bos is not None and len(ids) > 0 and ids[0] == bos and not prompt["text"].startswith(tok.bos_token or "\0")
        t = torch.tensor([ids])
        logits, inputs, final, last_is_normed, hs_len = forward_capture(torch, model, t)
        new_ids, margins = (greedy_cached if args.greedy_cache else greedy)(torch, model, t, NEW_TOKENS)
        eos_ids = model.config.eos_token_id
        eos_ids = set(eos_ids if isinstance(eos_ids, list) else [eos_ids])
        entry = {
            "name": prompt["name"],
            "text": prompt["text"],
            "token_ids": ids,
            "tokens": tok.convert_ids_to_tokens(ids),
            "bos_added": bool(bos_added),
            "num_tokens": len(ids),
            "last_top20": top_k(logits[-1]),
            "layer_input_norms": [gc.sig_list(x.norm(dim=-1).tolist()) for x in inputs],
            "final_norm_output_norms": gc.sig_list(final.norm(dim=-1).tolist()),
            "greedy_ids": new_ids,
            "greedy_text": tok.decode(new_ids),
            "greedy_top1_margins": margins,
            "greedy_eos_positions": [i for i, x in enumerate(new_ids) if x in eos_ids],
        }
        prompts_out.append(entry)
        print(f"{prompt['name']}: {len(ids)} tokens, next={entry['last_top20'][0]}, greedy={entry['greedy_text']!r}")

    note_h0 = "hidden_states[0] is the raw token embedding row"
    if arch == "gemma3":
        # Check what hidden_states[0] is for Gemma: embedding row times embed_scale (sqrt(hidden) in the model dtype).
        ids0 = prompts_out[0]["token_ids"]
        raw = model.model.embed_tokens.weight[ids0].norm(dim=-1)
        scaled = raw * model.model.embed_tokens.embed_scale
        got = torch.tensor(prompts_out[0]["layer_input_norms"][0])
        if not torch.allclose(scaled, got, rtol=1e-5):
            raise SystemExit("gemma3: hidden_states[0] is not embedding * embed_scale")
        note_h0 = ("hidden_states[0] = embedding row * embed_scale, embed_scale = sqrt(hidden_size) computed in float32 "
                   f"= {float(model.model.embed_tokens.embed_scale)!r}; i.e. AFTER the Gemma scaling")

    result = {
        "model": args.model,
        "architecture": arch,
        "file": path.name,
        "file_sha256": gc.sha256(path),
        "versions": gc.versions(),
        "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager", "torch_threads": 1,
                     "greedy": ("argmax over raw logits with transformers' KV cache (generate)" if args.greedy_cache
                                else "argmax over raw logits, full recomputation each step")
                     + ", not stopped at EOS, no processors"},
        "config": config_summary(model, arch),
        "gguf_metadata": gguf_metadata(path),
        "hidden_states_note": note_h0,
        "hidden_states_count": hs_len,
        "hidden_states_last_is_final_norm_output": last_is_normed,
        "tokenizer": {"class": type(tok).__name__, "bos_token_id": tok.bos_token_id, "bos_token": tok.bos_token,
                      "eos_token_id": tok.eos_token_id, "eos_token": tok.eos_token},
        "prompts": prompts_out,
    }
    gc.write_json_atomic(gc.GOLDEN_DIR / f"{args.model}.json", result)


if __name__ == "__main__":
    main()
