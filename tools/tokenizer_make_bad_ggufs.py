#!/usr/bin/env python3
"""Small GGUF files with broken or unsupported tokenizer metadata, for the Java error tests.

Writes src/test/resources/tokenizer/bad-*.gguf (a few KB each, no tensors), each with a valid
256-byte byte-level vocabulary except for the one fault it is named after:
  bad-no-tokenizer.gguf   only general.architecture, no tokenizer.* keys
  bad-unknown-model.gguf  tokenizer.ggml.model = "wordpiece"
  bad-unknown-pre.gguf    gpt2 with tokenizer.ggml.pre = "no-such-pre"
  bad-merge-unknown.gguf  gpt2 whose second merge names a token that is not in the vocabulary
  bad-no-merges.gguf      gpt2 without tokenizer.ggml.merges
  tiny-gpt2.gguf          a valid gpt2 vocabulary (bytes + "he", "ll", "hell", "hello") with four merges

Usage: tools/tokenizer_make_bad_ggufs.py
"""
import os
from pathlib import Path

import gguf

OUT = Path(__file__).resolve().parent.parent / "src" / "test" / "resources" / "tokenizer"


def byte_alphabet():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    chars, extra = {}, 0
    for b in range(256):
        if b in printable:
            chars[b] = chr(b)
        else:
            chars[b] = chr(256 + extra)
            extra += 1
    return [chars[b] for b in range(256)]


def write(name, model=None, pre="gpt2", merges=None, extra_tokens=()):
    path = OUT / name
    tmp = path.with_suffix(".gguf.tmp")
    w = gguf.GGUFWriter(str(tmp), "llama")
    if model is not None:
        tokens = ["<|endoftext|>"] + byte_alphabet() + list(extra_tokens)
        w.add_tokenizer_model(model)
        if pre is not None:
            w.add_tokenizer_pre(pre)
        w.add_token_list(tokens)
        w.add_token_types([3] + [1] * (len(tokens) - 1))
        if merges is not None:
            w.add_token_merges(merges)
        w.add_bos_token_id(0)
        w.add_eos_token_id(0)
        w.add_add_bos_token(False)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    os.replace(tmp, path)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    good = ["h e", "l l", "he ll", "hell o"]
    extra = ["he", "ll", "hell", "hello"]
    write("bad-no-tokenizer.gguf")
    write("bad-unknown-model.gguf", model="wordpiece", merges=good, extra_tokens=extra)
    write("bad-unknown-pre.gguf", model="gpt2", pre="no-such-pre", merges=good, extra_tokens=extra)
    write("bad-merge-unknown.gguf", model="gpt2", merges=["h e", "l zz"], extra_tokens=extra)
    write("bad-no-merges.gguf", model="gpt2", merges=None, extra_tokens=extra)
    write("tiny-gpt2.gguf", model="gpt2", merges=good, extra_tokens=extra)
    for p in sorted(OUT.glob("*.gguf")):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
