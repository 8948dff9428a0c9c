#!/usr/bin/env python3
"""Tiny random-weight Llama and Gemma 3 models plus their reference outputs, for Java unit tests.

Usage: python3 tools/golden_tiny.py
Output: src/test/resources/tiny/ (layout and formats: tools/README.md)

The weights are our own seeded random draws (torch.Generator seeded per model), rounded to values
that bfloat16 represents exactly (so a bf16 load is lossless), and stored as float32. Every copy
(safetensors, sharded safetensors, hub-cache layout, GGUF) is re-read after writing and checked to
give the same logits as the in-memory model, so the files and the reference JSON cannot drift apart.
"""
import hashlib
import shutil
import tempfile
from pathlib import Path

import numpy as np

import golden_common as gc

SEQ_A = [3, 17, 200, 45, 99, 128, 255]                       # length 7
SEQ_B = [0, 1, 2, 64, 65, 66, 10, 32, 250, 17, 17, 130]      # length 12 (repeats on purpose)
GREEDY_STEPS = 10
HUB_REPO = "attendfirst/tiny-llama"
# A made-up commit id: SHA-1 of the repo name, so the script stays deterministic.
HUB_COMMIT = hashlib.sha1(HUB_REPO.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# model construction


def randomise(torch, model, seed, std, norm_is_offset, embed_std=None):
    """Seeded N(0, std) for every matrix; norm weights random too, so the norm formula matters.

    Llama RMSNorm multiplies by w: w = 1 + N(0, 0.2). Gemma RMSNorm multiplies by (1 + w):
    w = N(0, 0.3), nonzero, so forgetting the "+1" gives visibly wrong numbers. embed_std lets Gemma use
    smaller embeddings: they are scaled by sqrt(hidden) and tied to the output, and at std 0.2 they
    dominate the residual so much that every position predicts its own input token.
    """
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if name.endswith("norm.weight"):
                noise = torch.randn(p.shape, generator=gen)
                value = noise * 0.3 if norm_is_offset else 1.0 + noise * 0.2
            elif name == "model.embed_tokens.weight" and embed_std is not None:
                value = torch.randn(p.shape, generator=gen) * embed_std
            else:
                value = torch.randn(p.shape, generator=gen) * std
            p.copy_(value.to(torch.bfloat16).to(torch.float32))


def make_llama(torch):
    from transformers import LlamaConfig, LlamaForCausalLM
    config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=96, num_hidden_layers=3,
                         num_attention_heads=4, num_key_value_heads=2, rope_theta=10000.0, rms_norm_eps=1e-5,
                         tie_word_embeddings=False, max_position_embeddings=128, bos_token_id=None,
                         eos_token_id=None, pad_token_id=None, attn_implementation="eager")
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).eval()
    randomise(torch, model, seed=1234, std=0.2, norm_is_offset=False)
    return model


def make_gemma3(torch):
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig
    config = Gemma3TextConfig(
        vocab_size=256, hidden_size=64, intermediate_size=96, num_hidden_layers=4, num_attention_heads=2,
        num_key_value_heads=1, head_dim=32, sliding_window=4,
        layer_types=["sliding_attention", "sliding_attention", "sliding_attention", "full_attention"],
        rope_parameters={"full_attention": {"rope_type": "default", "rope_theta": 1e6},
                         "sliding_attention": {"rope_type": "default", "rope_theta": 1e4}},
        query_pre_attn_scalar=32, final_logit_softcapping=None, attn_logit_softcapping=None,
        tie_word_embeddings=True, max_position_embeddings=128, rms_norm_eps=1e-6,
        bos_token_id=None, eos_token_id=None, pad_token_id=None, attn_implementation="eager")
    torch.manual_seed(0)
    model = Gemma3ForCausalLM(config).eval()
    randomise(torch, model, seed=5678, std=0.2, norm_is_offset=True, embed_std=0.05)
    if model.lm_head.weight.data_ptr() != model.model.embed_tokens.weight.data_ptr():
        raise SystemExit("tiny-gemma3: lm_head is not tied to embed_tokens")
    return model


# ---------------------------------------------------------------------------------------------
# reference outputs


def run(torch, model, ids, want_attn=False):
    layers = model.model.layers
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
            out = model(input_ids=torch.tensor([ids]), output_hidden_states=True, output_attentions=want_attn,
                        use_cache=False)
    finally:
        for h in handles:
            h.remove()
    for k in range(len(layers)):
        if not torch.equal(out.hidden_states[k][0], inputs[k]):
            raise SystemExit(f"layer {k}: pre-hook input differs from hidden_states[{k}]")
    return out, inputs, final["h"]


def greedy(torch, model, ids, steps):
    seq = list(ids)
    new, margins = [], []
    for _ in range(steps):
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([seq]), use_cache=False).logits[0, -1]
        top2 = logits.topk(2)
        nxt = int(top2.indices[0])
        margins.append(gc.sig(float(top2.values[0] - top2.values[1]), 4))
        new.append(nxt)
        seq.append(nxt)
    # Same answer with transformers' KV cache, so a cached Java decoder must match too.
    with torch.no_grad():
        cached = model.generate(torch.tensor([ids]), max_new_tokens=steps, do_sample=False,
                                num_beams=1, pad_token_id=0, eos_token_id=None)[0, len(ids):].tolist()
    if cached != new:
        raise SystemExit(f"greedy with cache {cached} differs from full recomputation {new}")
    return new, margins


def matrix(t):
    return [gc.sig_list(row) for row in t.tolist()]


def reference(torch, model, name, note):
    sequences = []
    for ids in (SEQ_A, SEQ_B):
        out, inputs, final = run(torch, model, ids)
        sequences.append({
            "token_ids": ids,
            "logits": matrix(out.logits[0]),
            "layer_inputs": [matrix(x) for x in inputs],
            "final_norm_output": matrix(final),
        })
    sequences[0]["greedy_ids"], sequences[0]["greedy_top1_margins"] = greedy(torch, model, SEQ_A, GREEDY_STEPS)
    c = model.config
    return {
        "model": name,
        "versions": gc.versions(),
        "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager",
                     "greedy": "argmax, full recomputation, checked equal to transformers generate() with KV cache"},
        "config": c.to_diff_dict() | {"num_hidden_layers": c.num_hidden_layers},
        "note": note,
        "sequences": sequences,
    }


# ---------------------------------------------------------------------------------------------
# file copies


def save_safetensors(model, directory: Path, shard_size=None):
    if directory.exists():
        shutil.rmtree(directory)
    kwargs = {"max_shard_size": shard_size} if shard_size else {}
    model.save_pretrained(str(directory), **kwargs)
    for extra in directory.glob("generation_config.json"):
        extra.unlink()  # not needed by the Java loader; keeps the fixture minimal
    print(f"wrote {directory}: {sorted(p.name for p in directory.iterdir())}")


def save_hub_layout(src: Path, hub_root: Path):
    """Offline copy of the HF hub cache layout: refs/main -> commit id, snapshots/<id>/ files.

    HF stores snapshot files as symlinks into blobs/<sha256>; here they are plain copies (no blobs/)
    because symlinks are awkward in git, and a reader that follows symlinks reads both the same way.
    """
    repo_dir = hub_root / ("models--" + HUB_REPO.replace("/", "--"))
    if repo_dir.exists():
        shutil.rmtree(repo_dir)
    snap = repo_dir / "snapshots" / HUB_COMMIT
    snap.mkdir(parents=True)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text(HUB_COMMIT)  # no trailing newline, as huggingface_hub writes it
    for f in ("config.json", "model.safetensors"):
        shutil.copyfile(src / f, snap / f)
    print(f"wrote {snap}")
    return snap


def llama_permute(w: np.ndarray, n_head: int) -> np.ndarray:
    """llama.cpp convert_hf_to_gguf.py LlamaModel.permute: HF rotate-half layout -> GGUF interleaved."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def gpt2_byte_tokens():
    """The 256 byte tokens in GPT-2's printable byte-to-unicode spelling (e.g. space is 'Ġ')."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    mapping, extra = {}, 0
    for b in range(256):
        if b in printable:
            mapping[b] = chr(b)
        else:
            mapping[b] = chr(256 + extra)
            extra += 1
    return [mapping[b] for b in range(256)]


def write_gguf(path: Path, arch: str, meta, tensors, tokenizer):
    import gguf
    tmp = path.with_suffix(".gguf.tmp")
    w = gguf.GGUFWriter(str(tmp), arch)
    w.add_name(path.stem)
    w.add_file_type(int(gguf.LlamaFileType.ALL_F32))
    for fn, value in meta:
        getattr(w, fn)(value)
    tokenizer(w)
    for name, arr in tensors:
        w.add_tensor(name, np.ascontiguousarray(arr, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    tmp.replace(path)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def llama_gguf(model, path: Path):
    c = model.config
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    head_dim = c.hidden_size // c.num_attention_heads
    tensors = [("token_embd.weight", sd["model.embed_tokens.weight"])]
    for i in range(c.num_hidden_layers):
        p = f"model.layers.{i}."
        tensors += [
            (f"blk.{i}.attn_norm.weight", sd[p + "input_layernorm.weight"]),
            (f"blk.{i}.attn_q.weight", llama_permute(sd[p + "self_attn.q_proj.weight"], c.num_attention_heads)),
            (f"blk.{i}.attn_k.weight", llama_permute(sd[p + "self_attn.k_proj.weight"], c.num_key_value_heads)),
            (f"blk.{i}.attn_v.weight", sd[p + "self_attn.v_proj.weight"]),
            (f"blk.{i}.attn_output.weight", sd[p + "self_attn.o_proj.weight"]),
            (f"blk.{i}.ffn_norm.weight", sd[p + "post_attention_layernorm.weight"]),
            (f"blk.{i}.ffn_gate.weight", sd[p + "mlp.gate_proj.weight"]),
            (f"blk.{i}.ffn_up.weight", sd[p + "mlp.up_proj.weight"]),
            (f"blk.{i}.ffn_down.weight", sd[p + "mlp.down_proj.weight"]),
        ]
    tensors += [("output_norm.weight", sd["model.norm.weight"]), ("output.weight", sd["lm_head.weight"])]
    meta = [
        ("add_vocab_size", c.vocab_size), ("add_context_length", c.max_position_embeddings),
        ("add_embedding_length", c.hidden_size), ("add_feed_forward_length", c.intermediate_size),
        ("add_block_count", c.num_hidden_layers), ("add_head_count", c.num_attention_heads),
        ("add_head_count_kv", c.num_key_value_heads), ("add_rope_freq_base", float(c.rope_parameters["rope_theta"])),
        ("add_layer_norm_rms_eps", float(c.rms_norm_eps)), ("add_rope_dimension_count", head_dim),
    ]

    def tokenizer(w):
        import gguf
        w.add_tokenizer_model("gpt2")
        w.add_tokenizer_pre("default")
        w.add_token_list(gpt2_byte_tokens())
        w.add_token_types([int(gguf.TokenType.NORMAL)] * 256)
        w.add_token_merges([])
        w.add_add_bos_token(False)
    write_gguf(path, "llama", meta, tensors, tokenizer)


def gemma3_gguf(model, path: Path):
    c = model.config
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}

    def norm(key):  # llama.cpp's gemma converters store (1 + w) for every RMSNorm weight
        return sd[key] + np.float32(1.0)
    tensors = [("token_embd.weight", sd["model.embed_tokens.weight"])]
    for i in range(c.num_hidden_layers):
        p = f"model.layers.{i}."
        tensors += [
            (f"blk.{i}.attn_norm.weight", norm(p + "input_layernorm.weight")),
            (f"blk.{i}.attn_q.weight", sd[p + "self_attn.q_proj.weight"]),   # gemma: no Q/K permutation
            (f"blk.{i}.attn_k.weight", sd[p + "self_attn.k_proj.weight"]),
            (f"blk.{i}.attn_v.weight", sd[p + "self_attn.v_proj.weight"]),
            (f"blk.{i}.attn_output.weight", sd[p + "self_attn.o_proj.weight"]),
            (f"blk.{i}.attn_q_norm.weight", norm(p + "self_attn.q_norm.weight")),
            (f"blk.{i}.attn_k_norm.weight", norm(p + "self_attn.k_norm.weight")),
            (f"blk.{i}.post_attention_norm.weight", norm(p + "post_attention_layernorm.weight")),
            (f"blk.{i}.ffn_norm.weight", norm(p + "pre_feedforward_layernorm.weight")),
            (f"blk.{i}.ffn_gate.weight", sd[p + "mlp.gate_proj.weight"]),
            (f"blk.{i}.ffn_up.weight", sd[p + "mlp.up_proj.weight"]),
            (f"blk.{i}.ffn_down.weight", sd[p + "mlp.down_proj.weight"]),
            (f"blk.{i}.post_ffw_norm.weight", norm(p + "post_feedforward_layernorm.weight")),
        ]
    tensors.append(("output_norm.weight", norm("model.norm.weight")))   # tied: no output.weight
    rope = c.rope_parameters
    meta = [
        ("add_vocab_size", c.vocab_size), ("add_context_length", c.max_position_embeddings),
        ("add_embedding_length", c.hidden_size), ("add_feed_forward_length", c.intermediate_size),
        ("add_block_count", c.num_hidden_layers), ("add_head_count", c.num_attention_heads),
        ("add_head_count_kv", c.num_key_value_heads), ("add_key_length", c.head_dim),
        ("add_value_length", c.head_dim), ("add_rope_freq_base", float(rope["full_attention"]["rope_theta"])),
        ("add_rope_freq_base_swa", float(rope["sliding_attention"]["rope_theta"])),
        ("add_layer_norm_rms_eps", float(c.rms_norm_eps)), ("add_sliding_window", c.sliding_window),
        # true = sliding-window layer; llama.cpp's gemma3 default when this key is absent is period 6
        ("add_sliding_window_pattern", [t == "sliding_attention" for t in c.layer_types]),
    ]

    def tokenizer(w):
        import gguf
        w.add_tokenizer_model("llama")
        w.add_tokenizer_pre("default")
        w.add_token_list([f"<0x{b:02X}>" for b in range(256)])
        w.add_token_scores([0.0] * 256)
        w.add_token_types([int(gguf.TokenType.BYTE)] * 256)
        w.add_add_bos_token(False)
    write_gguf(path, "gemma3", meta, tensors, tokenizer)


# ---------------------------------------------------------------------------------------------
# checks that every written copy is the same model


def same_logits(torch, expected_model, other_model, what):
    with torch.no_grad():
        a = expected_model(input_ids=torch.tensor([SEQ_B])).logits
        b = other_model(input_ids=torch.tensor([SEQ_B])).logits
    diff = float((a - b).abs().max())
    if diff > 1e-5:
        raise SystemExit(f"{what}: logits differ from the in-memory model by {diff}")
    print(f"check {what}: max |logit diff| = {diff:.3g}")


def check_gguf_tensors_against(torch, gguf_path: Path, model, what):
    """transformers' own GGUF reader (which un-permutes llama Q/K and subtracts 1 from gemma norms)."""
    from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint
    parsed = load_gguf_checkpoint(str(gguf_path), return_tensors=True, model_to_load=model)["tensors"]
    sd = model.state_dict()
    worst = 0.0
    for key, value in sd.items():
        if key == "lm_head.weight" and key not in parsed:
            continue
        if key not in parsed:
            raise SystemExit(f"{what}: tensor {key} missing from transformers' reading of {gguf_path.name}")
        worst = max(worst, float((parsed[key].float() - value).abs().max()))
    if worst > 1e-6:
        raise SystemExit(f"{what}: transformers reads {gguf_path.name} with max weight diff {worst}")
    print(f"check {what}: {len(parsed)} tensors read back by transformers, max diff {worst:.3g}")


def sliding_window_visibility(torch, model):
    """Which keys the last query sees in a sliding layer (layer 0) and the global layer, from eager attention."""
    out, _, _ = run(torch, model, SEQ_B, want_attn=True)
    seen = {}
    for layer in (0, len(model.model.layers) - 1):
        probs = out.attentions[layer][0, 0, -1]
        seen[layer] = [j for j, p in enumerate(probs.tolist()) if p > 0]
    return seen


def main():
    torch = gc.setup_torch()
    from transformers import AutoModelForCausalLM
    out_dir = gc.TINY_DIR
    out_dir.mkdir(parents=True, exist_ok=True)

    # ---- tiny Llama
    llama = make_llama(torch)
    save_safetensors(llama, out_dir / "tiny-llama")
    save_safetensors(llama, out_dir / "tiny-llama-sharded", shard_size="200KB")
    if not (out_dir / "tiny-llama-sharded" / "model.safetensors.index.json").exists():
        raise SystemExit("sharded copy has no model.safetensors.index.json")
    snap = save_hub_layout(out_dir / "tiny-llama", out_dir / "hub")
    llama_gguf(llama, out_dir / "tiny-llama.gguf")
    for d in (out_dir / "tiny-llama", out_dir / "tiny-llama-sharded", snap):
        reread = AutoModelForCausalLM.from_pretrained(str(d), dtype=torch.float32, attn_implementation="eager").eval()
        same_logits(torch, llama, reread, d.relative_to(out_dir))
    from_gguf = AutoModelForCausalLM.from_pretrained(str(out_dir), gguf_file="tiny-llama.gguf", dtype=torch.float32,
                                                     attn_implementation="eager").eval()
    same_logits(torch, llama, from_gguf, "tiny-llama.gguf via transformers")
    gc.write_json_atomic(out_dir / "tiny-llama-reference.json", reference(
        torch, llama, "tiny-llama",
        "layer_inputs[k] = input of decoder layer k (= HF hidden_states[k]); layer_inputs[0] = embedding rows"))

    # ---- tiny Gemma 3
    gemma = make_gemma3(torch)
    save_safetensors(gemma, out_dir / "tiny-gemma3")
    reread = AutoModelForCausalLM.from_pretrained(str(out_dir / "tiny-gemma3"), dtype=torch.float32,
                                                  attn_implementation="eager").eval()
    same_logits(torch, gemma, reread, "tiny-gemma3")
    gemma3_gguf(gemma, out_dir / "tiny-gemma3.gguf")
    check_gguf_tensors_against(torch, out_dir / "tiny-gemma3.gguf", gemma, "tiny-gemma3.gguf")
    # transformers' GGUF config reader ignores gemma3.attention.sliding_window_pattern (it falls back to
    # a period of 6, so all 4 tiny layers become sliding) and has no key for query_pre_attn_scalar
    # (default 256). So the GGUF weights are checked under the safetensors config instead.
    from_gguf = AutoModelForCausalLM.from_pretrained(str(out_dir), gguf_file="tiny-gemma3.gguf", config=gemma.config,
                                                     dtype=torch.float32, attn_implementation="eager").eval()
    same_logits(torch, gemma, from_gguf, "tiny-gemma3.gguf weights via transformers, with tiny-gemma3/config.json")
    seen = sliding_window_visibility(torch, gemma)
    ref = reference(torch, gemma, "tiny-gemma3",
                    "layer_inputs[k] = input of decoder layer k (= HF hidden_states[k]); layer_inputs[0] = "
                    "embedding rows * sqrt(hidden_size) (Gemma scaling already applied); safetensors norm weights "
                    "are w (RMSNorm multiplies by 1 + w); the GGUF stores 1 + w")
    ref["embed_scale"] = float(gemma.model.embed_tokens.embed_scale)
    ref["attention_visibility_last_query_seq_b"] = {f"layer{k}": v for k, v in seen.items()}
    gc.write_json_atomic(out_dir / "tiny-gemma3-reference.json", ref)


if __name__ == "__main__":
    main()
