#!/usr/bin/env python3
"""The paper's four architectures as tiny random-weight checkpoints, laid out as the HF hub cache lays out a
downloaded repo, with float32 goldens from HF transformers on the same files.

Usage: python3 tools/paper_tiny.py [FIXTURE ...]   (default: all four)
Writes, for each of Llama-2-7B, Mistral-7B-v0.1, Yi-6B and Llemma-7B:
  fixtures/configs/<fixture>.config.json     the real config.json (model-card values; --plan reads it)
  src/test/resources/paper/hub/models--<org>--<name>/refs/main, snapshots/<commit>/{config.json,
      model-0000{1,2}-of-00002.safetensors, model.safetensors.index.json, tokenizer.json, tokenizer_config.json}
  src/test/resources/paper/<fixture>-reference.json          logits, layer inputs, freeze and inject references

The tiny config is the real one with only hidden_size, intermediate_size, num_hidden_layers, the head counts
(same GQA ratio) and vocab_size shrunk; rope_theta, rms_norm_eps, BOS/EOS ids and policy, sliding_window,
tie_word_embeddings, max_position_embeddings and torch_dtype are kept. Weights are stored in torch_dtype, as
the real checkpoints are (bfloat16 ones exercise the host-side conversion). The tokenizer is a SentencePiece-
style BPE with byte fallback trained here on a few sentences (same kind as Llama 2's tokenizer.json); Yi's
adds no BOS. The commit ids are made up (sha1 of the fixture name): nothing here was downloaded.
"""
import hashlib
import json
import shutil
from pathlib import Path

import golden_common as gc
import golden_hooks as hooks

OUT = gc.ROOT / "src" / "test" / "resources" / "paper"

# config.json of each model as published on its model card (hub repo), values only: public facts.
# Llemma 7B is not Code Llama 7B's config: its paper (Azerbayev et al. 2023, arXiv:2310.10631, section 2 "Model and
# training") contracts the RoPE base period of the Code Llama 7B initialization from 1,000,000 to 10,000 before
# training (the 34B keeps 1,000,000), so rope_theta is 10000; the published checkpoint is float32 (about 27 GB of
# safetensors: 6.74e9 parameters x 4 bytes), though it was trained in bfloat16 mixed precision.
REAL = {
    "llama2-7b": {"repo": "meta-llama/Llama-2-7b-hf", "config": {
        "architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
        "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008,
        "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32,
        "num_hidden_layers": 32, "num_key_value_heads": 32, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
        "rope_scaling": None, "tie_word_embeddings": False, "torch_dtype": "float16", "use_cache": True,
        "vocab_size": 32000}, "bos": True, "bos_token": "<s>", "eos_token": "</s>"},
    "mistral-7b-v0.1": {"repo": "mistralai/Mistral-7B-v0.1", "config": {
        "architectures": ["MistralForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
        "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
        "max_position_embeddings": 32768, "model_type": "mistral", "num_attention_heads": 32,
        "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 10000.0,
        "sliding_window": 4096, "tie_word_embeddings": False, "torch_dtype": "bfloat16", "use_cache": True,
        "vocab_size": 32000}, "bos": True, "bos_token": "<s>", "eos_token": "</s>"},
    "yi-6b": {"repo": "01-ai/Yi-6B", "config": {
        "architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
        "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008,
        "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32,
        "num_hidden_layers": 32, "num_key_value_heads": 4, "pad_token_id": 0, "pretraining_tp": 1,
        "rms_norm_eps": 1e-05, "rope_scaling": None, "rope_theta": 5000000.0, "tie_word_embeddings": False,
        "torch_dtype": "bfloat16", "use_cache": True, "vocab_size": 64000},
        "bos": False, "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>"},
    "llemma-7b": {"repo": "EleutherAI/llemma_7b", "config": {
        "architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
        "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008,
        "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32,
        "num_hidden_layers": 32, "num_key_value_heads": 32, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
        "rope_scaling": None, "rope_theta": 10000, "tie_word_embeddings": False, "torch_dtype": "float32",
        "use_cache": True, "vocab_size": 32016}, "bos": True, "bos_token": "<s>", "eos_token": "</s>"},
}
TINY_DIM, TINY_HEADS, TINY_LAYERS, TINY_VOCAB = 32, 8, 3, 320
CORPUS = ["Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A: Paris",
          "The country Italy has its capital in Rome. The quick brown fox jumps over the lazy dog.",
          "12 + 35 = 47, and 3 * 4 = 12; the answer is 47."] * 4
LAST_ROWS = 3
PROMPTS = [CAPITALS := gc.CAPITALS_PROMPT, "The country Italy"]


def tiny_config(real):
    c = dict(real)
    ratio = real["num_attention_heads"] // real["num_key_value_heads"]
    c["hidden_size"] = TINY_DIM
    c["num_attention_heads"] = TINY_HEADS
    c["num_key_value_heads"] = TINY_HEADS // ratio
    c["intermediate_size"] = round(TINY_DIM * real["intermediate_size"] / real["hidden_size"])
    c["num_hidden_layers"] = TINY_LAYERS
    c["vocab_size"] = TINY_VOCAB
    return c


def tokenizer_json(entry, path: Path):
    """SentencePiece-style BPE (Llama 2's tokenizer.json kind): '▁' for spaces, byte fallback, <unk>=0."""
    from tokenizers import Tokenizer, decoders, normalizers, processors
    from tokenizers.models import BPE
    from tokenizers.trainers import BpeTrainer
    specials = ["<unk>", entry["bos_token"], entry["eos_token"]]
    tok = Tokenizer(BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    trainer = BpeTrainer(vocab_size=TINY_VOCAB - 256, special_tokens=specials, show_progress=False)
    tok.train_from_iterator(CORPUS, trainer)
    # Llama 2's layout: <unk> <s> </s>, then the 256 byte-fallback tokens <0x00>..<0xFF> as ordinary vocabulary
    # (not added tokens), then the pieces and their merges
    trained = json.loads(tok.to_str())["model"]
    pieces = [t for t, _ in sorted(trained["vocab"].items(), key=lambda kv: kv[1]) if t not in specials]
    vocab = {t: i for i, t in enumerate(specials + [f"<0x{b:02X}>" for b in range(256)] + pieces)}
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in trained["merges"]]
    tok = Tokenizer(BPE(vocab=vocab, merges=merges, unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    from tokenizers import AddedToken
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(" ", 1, 0)])
    bos = entry["bos_token"]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A" if entry["bos"] else "$A", pair=f"{bos} $A {bos} $B" if entry["bos"] else "$A $B",
        special_tokens=[(bos, 1)])
    if tok.get_vocab_size() > TINY_VOCAB:
        raise SystemExit(f"tokenizer has {tok.get_vocab_size()} tokens > {TINY_VOCAB}")
    tok.save(str(path))
    (path.parent / "tokenizer_config.json").write_text(json.dumps({
        "add_bos_token": entry["bos"], "add_eos_token": False, "bos_token": bos, "eos_token": entry["eos_token"],
        "unk_token": "<unk>", "tokenizer_class": "LlamaTokenizerFast"}, indent=2) + "\n")
    return tok.get_vocab_size()


def build(torch, name, entry):
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer
    real = entry["config"]
    org, repo = entry["repo"].split("/")
    commit = hashlib.sha1(name.encode()).hexdigest()
    repo_dir = OUT / "hub" / f"models--{org}--{repo}"
    if repo_dir.exists():
        shutil.rmtree(repo_dir)
    snap = repo_dir / "snapshots" / commit
    snap.mkdir(parents=True)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text(commit)
    configs = gc.ROOT / "fixtures" / "configs"
    configs.mkdir(parents=True, exist_ok=True)
    (configs / f"{name}.config.json").write_text(json.dumps(real, indent=2) + "\n")

    tokenizer_json(entry, snap / "tokenizer.json")
    tiny = tiny_config(real)
    config = AutoConfig.for_model(**{k: v for k, v in tiny.items() if k != "architectures"})
    config.architectures = tiny["architectures"]
    torch.manual_seed(int(commit[:8], 16))
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32).eval()
    gen = torch.Generator().manual_seed(int(commit[8:16], 16))
    with torch.no_grad():
        for pname, p in sorted(model.named_parameters()):
            noise = torch.randn(p.shape, generator=gen)
            p.copy_(1.0 + 0.2 * noise if pname.endswith("norm.weight") else 0.2 * noise)
    dtype = getattr(torch, real["torch_dtype"])
    model.to(dtype).save_pretrained(str(snap), max_shard_size="40KB")
    for extra in snap.glob("generation_config.json"):
        extra.unlink()
    for f in snap.iterdir():
        f.chmod(0o644)
    shards = sorted(p.name for p in snap.glob("model-*.safetensors"))
    if len(shards) < 2 or not (snap / "model.safetensors.index.json").exists():
        raise SystemExit(f"{name}: expected a sharded checkpoint, got {shards}")
    # config.json as written by transformers has the tiny sizes and the real rest; keep torch_dtype as published
    written = json.loads((snap / "config.json").read_text())
    for key in ("rope_theta", "rms_norm_eps", "sliding_window", "max_position_embeddings", "bos_token_id",
                "eos_token_id", "tie_word_embeddings"):
        if key in real and written.get(key, (written.get("rope_parameters") or {}).get(key)) != real[key]:
            raise SystemExit(f"{name}: config.json {key} = {written.get(key)} differs from the real {real[key]}")

    # float32 goldens, from the files just written, read back the way a user's run reads them
    tok = AutoTokenizer.from_pretrained(str(snap))
    m = AutoModelForCausalLM.from_pretrained(str(snap), dtype=torch.float32, attn_implementation="eager").eval()
    prompts = []
    for text in PROMPTS:
        ids = tok(text)["input_ids"]
        if entry["bos"] != (ids[0] == 1):
            raise SystemExit(f"{name}: BOS policy {entry['bos']} but ids start {ids[:3]}")
        t = torch.tensor([ids])
        logits, inputs = hooks.layer_inputs(torch, m, t)
        # logits of the last LAST_ROWS positions (the rest is implied by the layer inputs, checked in full)
        prompts.append({"text": text, "token_ids": ids,
                        "logits_last_rows": [gc.sig_list(r) for r in logits[-LAST_ROWS:].tolist()],
                        "layer_inputs": [[gc.sig_list(r) for r in x.tolist()] for x in inputs]})
    ids = torch.tensor([prompts[0]["token_ids"]])
    _, clean = hooks.layer_inputs(torch, m, ids)
    frozen = hooks.run(torch, m, ids, hooks.freeze(torch, m, 2, clean))[-1]
    italy_ids = torch.tensor([prompts[1]["token_ids"]])
    _, italy = hooks.layer_inputs(torch, m, italy_ids)
    france = hooks.last_token_of(tok, CAPITALS, "France")[0]
    injected = hooks.run(torch, m, ids, hooks.inject(torch, m, 1, france, italy[1][-1]))[-1]
    result = {"model": name, "repo": entry["repo"], "commit": commit, "versions": gc.versions(),
              "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager"},
              "real_config": real, "tiny_config": tiny, "bos_added": entry["bos"],
              "prompts": prompts,
              "freeze": {"k": 2, "prompt": 0, "last_logits": gc.sig_list(frozen.tolist())},
              "inject": {"k": 1, "prompt": 0, "position": france, "source_prompt": 1, "source_position": -1,
                         "last_logits": gc.sig_list(injected.tolist())}}
    gc.write_json_atomic(OUT / f"{name}-reference.json", result)
    size = sum(p.stat().st_size for p in snap.iterdir())
    print(f"{name}: {snap.relative_to(gc.ROOT)} {size} bytes, shards {shards}, ids {prompts[0]['token_ids'][:6]}")


def main():
    import sys
    names = sys.argv[1:] or list(REAL)
    unknown = [n for n in names if n not in REAL]
    if unknown:
        raise SystemExit(f"unknown model(s) {unknown}; known: {list(REAL)}")
    torch = gc.setup_torch()
    for name in names:
        build(torch, name, REAL[name])


if __name__ == "__main__":
    main()
