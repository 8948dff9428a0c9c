#!/usr/bin/env python3
"""Test vectors for the Java GGUF reader (attendfirst.io.gguf), made with the Python `gguf` package.

Writes into src/test/resources/io/:
  quant-vectors.gguf           one small 2-D tensor per supported type (F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0
                               Q4_K Q6_K), raw block bytes (random, plus edge blocks: all-zero, all-ones
                               quants, largest and smallest (subnormal) f16 scales, negative scales), every
                               metadata value type, and general.alignment = 64 (not the default 32)
  quant-vectors.expected.bin   the float32 values gguf.quants.dequantize gives for each tensor, little-endian,
                               concatenated in tensor order
  quant-vectors.expected.json  per tensor: type, shape (PyTorch order), offset/count into the .bin; the
                               metadata values as written; id, block size and type size of every ggml type
  unsupported-types.gguf       a readable F32 tensor plus Q5_K and IQ2_XS tensors (random bytes) that the
                               Java reader must reject when read

Every f16 field a block holds (scale d, min m, dmin) is set to a finite value: random bytes there could be
NaN or infinity, which no real quantiser writes.

Usage: python3 tools/io_make_gguf_vectors.py   (deterministic: fixed seed)
"""
import json
from pathlib import Path

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf.quants import dequantize

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "test" / "resources" / "io"
rng = np.random.default_rng(20240903)

# byte offsets of the ggml_half fields inside one block of each type
HALF_FIELDS = {
    T.Q8_0: [0],        # d
    T.Q4_0: [0],        # d
    T.Q4_1: [0, 2],     # d, m
    T.Q5_0: [0],        # d
    T.Q4_K: [0, 2],     # d, dmin
    T.Q6_K: [208],      # d (after ql[128], qh[64], scales[16])
}


def half_bits(x: float) -> int:
    return int(np.array([x], dtype=np.float16).view(np.uint16)[0])


def quant_blocks(qtype: T, n_blocks: int) -> np.ndarray:
    block_size, type_size = gguf.GGML_QUANT_SIZES[qtype]
    blocks = rng.integers(0, 256, size=(n_blocks, type_size), dtype=np.uint8)
    halves = [half_bits(v) for v in rng.normal(0, 0.05, size=n_blocks * 2)]
    for b in range(n_blocks):
        for k, off in enumerate(HALF_FIELDS[qtype]):
            if b == 0:
                value = 0                       # block 0: every byte zero
            elif b == 1:
                value = 0x3C00                  # block 1: quants all ones bits, scales 1.0
            elif b == 2:
                value = 0x7BFF if k == 0 else 0xFBFF  # largest finite f16 (+/- 65504)
            elif b == 3:
                value = 0x0001 if k == 0 else 0x8001  # smallest subnormal f16 (+/- 2^-24)
            elif b == 4:
                value = half_bits(-abs(np.float16(halves[2 * b + k])))  # negative scale
            else:
                value = halves[2 * b + k]
            blocks[b, off] = value & 0xFF
            blocks[b, off + 1] = value >> 8
    blocks[0, :] = np.where(np.isin(np.arange(type_size), HALF_FIELDS[qtype]), blocks[0, :], 0)
    blocks[1, :] = np.where(np.isin(np.arange(type_size), HALF_FIELDS[qtype] + [o + 1 for o in HALF_FIELDS[qtype]]),
                            blocks[1, :], 0xFF)
    return blocks


def float16_values(n: int) -> np.ndarray:
    special = [0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x7BFF, 0xFBFF, 0x7C00, 0xFC00, 0x7E00, 0x3C00,
               0x3555, 0xC000]
    bits = rng.integers(0, 0x7C00, size=n - len(special), dtype=np.uint16)  # finite, positive...
    bits |= (rng.integers(0, 2, size=bits.size, dtype=np.uint16) << 15)    # ...then random sign
    return np.concatenate([np.array(special, dtype=np.uint16), bits]).view(np.float16)


def bfloat16_bits(n: int) -> np.ndarray:
    special = [0x0000, 0x8000, 0x0001, 0x007F, 0x0080, 0x7F7F, 0xFF7F, 0x7F80, 0xFF80, 0x7FC0, 0x3F80, 0xBF80]
    bits = rng.integers(0, 0x7F80, size=n - len(special), dtype=np.uint16)
    bits |= (rng.integers(0, 2, size=bits.size, dtype=np.uint16) << 15)
    return np.concatenate([np.array(special, dtype=np.uint16), bits])


def float32_values(n: int) -> np.ndarray:
    special = np.array([0.0, -0.0, 1e-45, -1e-45, 1.1754944e-38, 3.4028235e38, -3.4028235e38, np.inf, -np.inf,
                        np.nan, 1.0, -2.5], dtype=np.float32)
    return np.concatenate([special, rng.normal(0, 1, size=n - special.size).astype(np.float32)])


def write_vectors() -> None:
    writer = gguf.GGUFWriter(OUT / "quant-vectors.gguf", arch="testvectors")
    writer.add_custom_alignment(64)
    metadata = {
        "test.uint8": ("uint8", 255), "test.int8": ("int8", -128), "test.uint16": ("uint16", 65535),
        "test.int16": ("int16", -32768), "test.uint32": ("uint32", 4294967295), "test.int32": ("int32", -2147483648),
        "test.float32": ("float32", 0.1), "test.uint64": ("uint64", 9007199254740993),
        "test.int64": ("int64", -9007199254740993), "test.float64": ("float64", 0.1),
        "test.bool_true": ("bool", True), "test.bool_false": ("bool", False),
        "test.string": ("string", "Grüße, 世界 \n\t\"quoted\""),  # (GGUFWriter drops empty string values)
    }
    for key, (kind, value) in metadata.items():
        getattr(writer, "add_" + kind)(key, value)
    arrays = {
        "test.array_string": ["a", "", "ünï", "<s>"],
        "test.array_int32": [0, -1, 2147483647, -2147483648],
        "test.array_float32": [0.5, -1.25, 3.4028234663852886e38, 1e-45],
        "test.array_bool": [True, False, True],
    }
    for key, value in arrays.items():
        if key == "test.array_int32":
            writer.add_key_value(key, value, gguf.GGUFValueType.ARRAY, sub_type=gguf.GGUFValueType.INT32)
        elif key == "test.array_float32":
            writer.add_key_value(key, value, gguf.GGUFValueType.ARRAY, sub_type=gguf.GGUFValueType.FLOAT32)
        else:
            writer.add_array(key, value)

    tensors = []  # (name, qtype, numpy shape (rows, cols), raw array for the writer, expected float32)
    for qtype in [T.Q8_0, T.Q4_0, T.Q4_1, T.Q5_0, T.Q4_K, T.Q6_K]:
        block_size, _ = gguf.GGML_QUANT_SIZES[qtype]
        n_blocks = 12 if block_size == 256 else 24
        rows = 3  # 3 rows of n_blocks/3 blocks: shape reversal and row-major order are tested too
        raw = quant_blocks(qtype, n_blocks).reshape(rows, -1)
        expected = dequantize(raw, qtype).astype(np.float32)
        tensors.append((f"vec.{qtype.name}", qtype, raw, expected))
    f16 = float16_values(96).reshape(3, 32)
    tensors.append(("vec.F16", T.F16, f16, dequantize(f16.view(np.uint8), T.F16).reshape(3, 32)))
    bf16 = bfloat16_bits(96).reshape(4, 24)
    tensors.append(("vec.BF16", T.BF16, bf16.view(np.uint8), dequantize(bf16.view(np.uint8), T.BF16).reshape(4, 24)))
    f32 = float32_values(40).reshape(2, 4, 5)
    tensors.append(("vec.F32", T.F32, f32, f32))

    index = {}
    floats = []
    offset = 0
    for name, qtype, raw, expected in tensors:
        if qtype in (T.F32, T.F16):
            writer.add_tensor(name, raw)
        else:
            writer.add_tensor(name, raw, raw_shape=raw.shape, raw_dtype=qtype)
        flat = np.ascontiguousarray(expected, dtype=np.float32).reshape(-1)
        index[name] = {"type": qtype.name, "shape": list(expected.shape), "offset": offset, "count": int(flat.size)}
        floats.append(flat)
        offset += flat.size
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    np.concatenate(floats).astype("<f4").tofile(OUT / "quant-vectors.expected.bin")
    meta_json = {k: v for k, (_, v) in metadata.items()}
    meta_json["test.float32"] = float(np.float32(0.1))  # what a float32 0.1 widens to
    meta_json.update(arrays)
    meta_json["test.array_float32"] = [float(np.float32(x)) for x in arrays["test.array_float32"]]
    (OUT / "quant-vectors.expected.json").write_text(json.dumps({
        "generator": "tools/io_make_gguf_vectors.py",
        "alignment": 64,
        "tensors": index,
        # id, elements per block, bytes per block of every type the Python package knows
        "ggml_types": {t.name: [int(t.value), *map(int, gguf.GGML_QUANT_SIZES[t])] for t in T
                       if t in gguf.GGML_QUANT_SIZES},
        "metadata": meta_json,
        "metadata_types": {**{k: kind.upper() for k, (kind, _) in metadata.items()},
                           "test.array_string": "ARRAY[STRING]", "test.array_int32": "ARRAY[INT32]",
                           "test.array_float32": "ARRAY[FLOAT32]", "test.array_bool": "ARRAY[BOOL]"},
    }, indent=1, ensure_ascii=False) + "\n")


def write_unsupported() -> None:
    writer = gguf.GGUFWriter(OUT / "unsupported-types.gguf", arch="testvectors")
    writer.add_tensor("ok.F32", np.arange(8, dtype=np.float32).reshape(2, 4))
    for qtype in [T.Q5_K, T.IQ2_XS]:
        _, type_size = gguf.GGML_QUANT_SIZES[qtype]
        raw = rng.integers(0, 256, size=(2, type_size), dtype=np.uint8)
        writer.add_tensor(f"blk.3.{qtype.name.lower()}.weight", raw, raw_shape=raw.shape, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write_vectors()
    write_unsupported()
    for f in sorted(OUT.glob("*")):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size} bytes")
