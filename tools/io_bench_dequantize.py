#!/usr/bin/env python3
"""Times dequantising every tensor of the real GGUF models with the Python gguf package and with the Java
reader (attendfirst.io.gguf.DequantizeBench), in one run, and prints the ratio.

Usage: mvn -B -q test-compile && python3 tools/io_bench_dequantize.py
"""
import os
import re
import subprocess
import time
from pathlib import Path

import gguf
from gguf.quants import dequantize

ROOT = Path(__file__).resolve().parent.parent
FILES = ["SmolLM2-135M-Instruct.Q4_1.gguf", "gemma-3-270m-q4_k_m.gguf"]


def cache_dir() -> Path:
    base = os.environ.get("ATTEND_FIRST_CACHE") or str(Path.home() / ".cache" / "attend-first")
    return Path(base) / "models"


def python_seconds(path: Path) -> float:
    reader = gguf.GGUFReader(path)
    start = time.perf_counter()
    for t in reader.tensors:
        dequantize(t.data, t.tensor_type)
    return time.perf_counter() - start


def main() -> None:
    paths = [cache_dir() / f for f in FILES if (cache_dir() / f).exists()]
    if not paths:
        raise SystemExit("no model files: run python3 scripts/fetch_models.py")
    py = {p.name: min(python_seconds(p) for _ in range(2)) for p in paths}
    cp = f"{ROOT}/target/classes:{ROOT}/target/test-classes"
    out = subprocess.run(["java", "-cp", cp, "attendfirst.io.gguf.DequantizeBench", *map(str, paths)],
                         check=True, capture_output=True, text=True).stdout
    print(out, end="")
    for p in paths:
        java = [float(s) for s in re.findall(rf"java {re.escape(p.name)} pass \d: ([0-9.]+) s", out)]
        print(f"{p.name}: python gguf {py[p.name]:.3f} s, java first pass {java[0]:.3f} s "
              f"(x{py[p.name] / java[0]:.1f}), java best {min(java):.3f} s (x{py[p.name] / min(java):.1f})")


if __name__ == "__main__":
    main()
