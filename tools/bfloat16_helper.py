"""Writes the TorchScript helper module the engine's bfloat16 products run through (issue 20).

DJL 0.36's PyTorch JNI cannot create a bfloat16 array or read one (its dtype switch stops at float32..complex64),
but a TorchScript method can return one, DJL's matMul multiplies two of them inside libtorch, and toType(FLOAT32)
brings a result back. This module holds the only two operations the engine needs that DJL cannot express:

    forward(x)      x.to(bfloat16)                               weights once at load (and the "separate" mode)
    linear(x, w)    (x.to(bfloat16) @ w).to(float32)             one projection product, fused in one call
    rounded(x)      x.to(bfloat16).to(float32)                   bfloat16's rounding, kept in float32
    linear_rounded(x, w)  rounded(rounded(x) @ w), w rounded     the same product in float32 arithmetic: bfloat16
                                                                 x bfloat16 is exact in float32 and bfloat16 kernels
                                                                 accumulate in float32, so this is a bfloat16 product
                                                                 up to summation order, at float32 speed (fidelity
                                                                 measurements on a CPU without native bfloat16)

The module has no parameters, so it runs on whatever device its inputs are on (CPU or CUDA).

Serialization is pinned for libtorch 2.7.1 (DJL 0.36.0's): TorchScript archives carry a file format version
(the archive's `<name>/version` record); libtorch 2.7.1 reads versions up to 10 and this module must be written
as version 3 (only torch.to and torch.matmul, no upgraded operator), which is checked below: a torch that writes
another version makes this script fail instead of producing a file the engine cannot load.
src/test/java/attendfirst/model/Bfloat16ProductsTest loads the committed file through DJL.

    python3 tools/bfloat16_helper.py [OUT]   (default src/main/resources/attendfirst/model/bfloat16-products.pt)
"""
import pathlib
import sys
import warnings
import zipfile

import torch

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src/main/resources/attendfirst/model/bfloat16-products.pt")
PINNED_FILE_FORMAT_VERSION = b"3"


class Bfloat16Products(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)

    @torch.jit.export
    def linear(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return torch.matmul(x.to(torch.bfloat16), w).to(torch.float32)

    @torch.jit.export
    def rounded(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16).to(torch.float32)

    @torch.jit.export
    def linear_rounded(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return torch.matmul(x.to(torch.bfloat16).to(torch.float32), w).to(torch.bfloat16).to(torch.float32)


def main():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)   # torch.jit.script is deprecated in torch 2.15, still works
        module = torch.jit.script(Bfloat16Products())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tmp")
    module.save(str(tmp), _extra_files={"producer.txt": f"tools/bfloat16_helper.py, torch {torch.__version__}"})
    with zipfile.ZipFile(tmp) as z:
        version = [n for n in z.namelist() if n.endswith("/version")]
        got = z.read(version[0]).strip() if version else b"missing"
    if got != PINNED_FILE_FORMAT_VERSION:
        tmp.unlink()
        sys.exit(f"torch {torch.__version__} wrote TorchScript file format version {got!r}, pinned "
                 f"{PINNED_FILE_FORMAT_VERSION!r} for libtorch 2.7.1: not written")
    # check what the engine relies on, in this torch
    x = torch.randn(3, 8)
    w = torch.randn(8, 5)
    loaded = torch.jit.load(str(tmp))
    assert loaded(x).dtype == torch.bfloat16
    fused = loaded.linear(x, loaded(w))
    assert fused.dtype == torch.float32
    assert torch.equal(fused, (x.to(torch.bfloat16) @ w.to(torch.bfloat16)).float())
    emulated = loaded.linear_rounded(x, loaded.rounded(w))
    assert emulated.dtype == torch.float32
    assert torch.allclose(emulated, fused, rtol=2 ** -7, atol=0)
    tmp.replace(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, file format version {got.decode()}, torch {torch.__version__})")


if __name__ == "__main__":
    main()
