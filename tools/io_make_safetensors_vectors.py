#!/usr/bin/env python3
"""Test vectors for the Java safetensors reader (attendfirst.io.safetensors), made with the Python
`safetensors` package and torch.

Writes into src/test/resources/io/safetensors/:
  mixed.safetensors       F32, F16 and BF16 tensors (random plus edge values: +-0, subnormals, max, inf,
                          NaN), a 0-d scalar, and I64 / F64 / I8 tensors the Java reader must reject by
                          name and dtype; __metadata__ {"format": "pt", "note": ...}
  mixed.expected.json     per tensor: dtype, shape, and the float32 bit patterns torch gives for
                          tensor.float() (absent for the rejected dtypes)
  sharded/model.safetensors.index.json + two shards, the layout of a large HF checkpoint;
  sharded.expected.json   per tensor: shard file, shape and float32 bit patterns

Usage: python3 tools/io_make_safetensors_vectors.py   (deterministic: fixed seed)
"""
import json
from pathlib import Path

import torch
from safetensors.torch import save_file

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "test" / "resources" / "io" / "safetensors"
gen = torch.Generator().manual_seed(20240903)

EDGES = [0.0, -0.0, 1.0, -2.5, float("inf"), float("-inf"), float("nan")]


def with_edges(t: torch.Tensor, extra: list[float]) -> torch.Tensor:
    flat = t.reshape(-1).clone()
    values = torch.tensor(EDGES + extra, dtype=torch.float32).to(t.dtype)
    flat[: values.numel()] = values
    return flat.reshape(t.shape)


def bits(t: torch.Tensor) -> list[int]:
    return t.float().contiguous().reshape(-1).view(torch.int32).tolist()


def describe(tensors: dict) -> dict:
    out = {}
    for name, t in tensors.items():
        entry = {"dtype": str(t.dtype).removeprefix("torch."), "shape": list(t.shape)}
        if t.dtype in (torch.float32, torch.float16, torch.bfloat16):
            entry["bits"] = bits(t)
        out[name] = entry
    return out


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    mixed = {
        "model.f32": with_edges(torch.randn(3, 5, generator=gen), [1e-45, 3.4028235e38]),
        "model.f16": with_edges(torch.randn(4, 6, generator=gen).half(), [6e-8, 65504.0, 6.1e-5]),
        "model.bf16": with_edges(torch.randn(2, 3, 4, generator=gen).bfloat16(), [1e-40, 3.38e38]),
        "model.scalar": torch.tensor(0.125, dtype=torch.float32),
        "model.i64": torch.arange(6, dtype=torch.int64).reshape(2, 3),
        "model.f64": torch.randn(2, generator=gen, dtype=torch.float64),
        "model.i8": torch.tensor([-1, 2, 3], dtype=torch.int8),
    }
    save_file(mixed, OUT / "mixed.safetensors", metadata={"format": "pt", "note": "attend-first test vectors"})
    write_json(OUT / "mixed.expected.json", {"generator": "tools/io_make_safetensors_vectors.py",
                                             "metadata": {"format": "pt", "note": "attend-first test vectors"},
                                             "tensors": describe(mixed)})

    sharded_dir = OUT / "sharded"
    sharded_dir.mkdir(exist_ok=True)
    shards = {
        "model-00001-of-00002.safetensors": {
            "embed.weight": torch.randn(7, 4, generator=gen),
            "layers.0.w": torch.randn(4, 4, generator=gen).bfloat16(),
        },
        "model-00002-of-00002.safetensors": {
            "layers.1.w": torch.randn(4, 4, generator=gen).half(),
            "norm.weight": torch.randn(4, generator=gen),
        },
    }
    weight_map = {}
    expected = {}
    for shard, tensors in shards.items():
        save_file(tensors, sharded_dir / shard, metadata={"format": "pt"})
        for name, entry in describe(tensors).items():
            weight_map[name] = shard
            expected[name] = {**entry, "shard": shard}
    total = sum(t.numel() * t.element_size() for s in shards.values() for t in s.values())
    write_json(sharded_dir / "model.safetensors.index.json",
               {"metadata": {"total_size": total}, "weight_map": weight_map})
    write_json(OUT / "sharded.expected.json", {"generator": "tools/io_make_safetensors_vectors.py",
                                               "tensors": expected})
    for f in sorted(OUT.rglob("*")):
        if f.is_file():
            print(f"{f.relative_to(ROOT)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
