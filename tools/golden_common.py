"""Shared helpers for the golden_*.py scripts: model lookup, deterministic JSON, atomic writes.

Not a script itself. Every golden script runs on CPU in float32 with one torch thread, so that
the numbers are reproducible and the script shares the machine politely.
"""
import hashlib
import json
import math
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "models"
GOLDEN_DIR = ROOT / "src" / "test" / "resources" / "golden"
TINY_DIR = ROOT / "src" / "test" / "resources" / "tiny"

# The paper's one-shot capitals prompt; the "\n" are real newlines with a space on each side.
CAPITALS_PROMPT = "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A:"


def cache_models_dir() -> Path:
    base = os.environ.get("ATTEND_FIRST_CACHE") or str(Path.home() / ".cache" / "attend-first")
    return Path(base) / "models"


def fixture(name: str) -> dict:
    path = FIXTURES / f"{name}.json"
    if not path.exists():
        known = sorted(p.stem for p in FIXTURES.glob("*.json"))
        raise SystemExit(f"no model fixture {path}; known models: {known}")
    return json.loads(path.read_text())


def model_file(name: str) -> Path:
    fx = fixture(name)
    file_name = fx["source"]["file"]
    path = cache_models_dir() / file_name
    if not path.exists():
        raise SystemExit(f"model file {path} for '{name}' is missing; run scripts/fetch_models.py {name}")
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sig(x: float, digits: int = 7) -> float:
    """Round to `digits` significant digits (float32 carries ~7), keeping JSON short."""
    x = float(x)
    if x == 0.0 or not math.isfinite(x):
        return x
    return float(f"{x:.{digits - 1}e}")


def sig_list(values, digits: int = 7) -> list:
    return [sig(v, digits) for v in values]


def versions() -> dict:
    import gguf
    import numpy
    import safetensors
    import torch
    import transformers
    try:
        from importlib.metadata import version
        gguf_version = version("gguf")
    except Exception:  # pragma: no cover - metadata always present for pip installs
        gguf_version = getattr(gguf, "__version__", "unknown")
    return {
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "gguf": gguf_version,
        "numpy": numpy.__version__,
        "safetensors": safetensors.__version__,
    }


def write_json_atomic(path: Path, data, indent=None) -> None:
    """Write the whole file or nothing: temp file in the same directory, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=(",", ":") if indent is None else None)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.write("\n")
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; the file is meant to be committed and read by anyone
    os.replace(tmp, path)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def setup_torch():
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    return torch


def load_gguf_model(name: str):
    """HF transformers' own GGUF loader: dequantises to float32, eager attention."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    path = model_file(name)
    tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(
        str(path.parent), gguf_file=path.name, dtype=torch.float32, attn_implementation="eager")
    model.eval()
    return path, tok, model


def decoder_layers(model):
    return model.model.layers
