#!/usr/bin/env python3
"""Golden samples of the two real GGUF models, computed with the Python `gguf` package (independent of the
Java reader), for attendfirst.io.gguf.GgufRealModelTest.

For each model: version, alignment, tensor count, a few metadata values, the shape (PyTorch order) and
type of every sampled tensor, and float32 values at fixed element indices (first 16, 16 from the middle,
last 16 of the flattened row-major tensor) as produced by gguf.quants.dequantize.

And the SHA-256 of every tensor's dequantised float32 values (little-endian bytes), so the Java test can
check every element of every tensor. Also times gguf.quants.dequantize of every tensor of each file (printed, and stored as
python_dequantize_all_seconds so the Java test can report the ratio).

Usage: python3 tools/io_make_real_samples.py   (models from $ATTEND_FIRST_CACHE/models or
~/.cache/attend-first/models; run scripts/fetch_models.py first)
Writes: src/test/resources/io/real-model-samples.json
"""
import hashlib
import importlib.metadata
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import gguf
from gguf.quants import dequantize

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "test" / "resources" / "io" / "real-model-samples.json"

MODELS = {
    "SmolLM2-135M-Instruct.Q4_1.gguf": {
        "metadata": ["general.architecture", "llama.block_count", "llama.embedding_length",
                     "llama.attention.head_count", "llama.rope.freq_base", "tokenizer.ggml.model",
                     "tokenizer.ggml.add_bos_token"],
        "tensors": ["token_embd.weight", "blk.0.attn_q.weight", "blk.0.attn_norm.weight",
                    "blk.29.ffn_down.weight", "output_norm.weight"],
    },
    "gemma-3-270m-q4_k_m.gguf": {
        "metadata": ["general.architecture", "gemma3.block_count", "gemma3.embedding_length",
                     "gemma3.attention.head_count", "gemma3.rope.freq_base", "tokenizer.ggml.model",
                     "tokenizer.ggml.add_bos_token"],
        "tensors": ["token_embd.weight", "blk.0.attn_q.weight", "blk.0.attn_output.weight",
                    "blk.0.ffn_down.weight", "blk.0.attn_v.weight", "blk.0.attn_norm.weight"],
    },
}


def cache_dir() -> Path:
    base = os.environ.get("ATTEND_FIRST_CACHE") or str(Path.home() / ".cache" / "attend-first")
    return Path(base) / "models"


def plain(v):
    if isinstance(v, (np.generic,)):
        return v.item()
    return v


def sample_indices(n: int) -> list[int]:
    mid = n // 2
    idx = list(range(16)) + list(range(mid, mid + 16)) + list(range(n - 16, n))
    return sorted(set(i for i in idx if 0 <= i < n))


def main() -> None:
    result = {"generator": "tools/io_make_real_samples.py", "gguf_version": importlib.metadata.version("gguf"),
              "models": {}}
    for file_name, want in MODELS.items():
        path = cache_dir() / file_name
        if not path.exists():
            sys.exit(f"{path} is missing: run python3 scripts/fetch_models.py")
        reader = gguf.GGUFReader(path)
        by_name = {t.name: t for t in reader.tensors}
        meta = {}
        for key in want["metadata"]:
            field = reader.fields[key]
            meta[key] = plain(field.contents())
        model = {
            "version": int(reader.fields["GGUF.version"].parts[-1][0]),
            "alignment": int(reader.alignment),
            "tensor_count": len(reader.tensors),
            "metadata": meta,
            "tensors": {},
        }
        for name in want["tensors"]:
            t = by_name[name]
            values = dequantize(t.data, t.tensor_type).astype(np.float32).reshape(-1)
            idx = sample_indices(values.size)
            model["tensors"][name] = {
                "type": t.tensor_type.name,
                "shape": [int(d) for d in reversed(t.shape.tolist())],
                "indices": idx,
                # float32 bit patterns, so the comparison is exact and JSON cannot round anything
                "bits": [int(values[i].view(np.int32)) for i in idx],
                "values": [float(values[i]) for i in idx],
            }
        start = time.perf_counter()
        for t in reader.tensors:
            dequantize(t.data, t.tensor_type)
        model["python_dequantize_all_seconds"] = round(time.perf_counter() - start, 3)
        # SHA-256 of every tensor's float32 little-endian bytes: whole-tensor bit equality in a few KB
        model["sha256_f32le"] = {
            t.name: hashlib.sha256(dequantize(t.data, t.tensor_type).astype("<f4").tobytes()).hexdigest()
            for t in reader.tensors
        }
        print(f"{file_name}: python gguf dequantize of all {len(reader.tensors)} tensors took "
              f"{model['python_dequantize_all_seconds']} s")
        result["models"][file_name] = model
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n")
    tmp.replace(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
