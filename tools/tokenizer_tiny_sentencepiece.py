#!/usr/bin/env python3
"""A tiny SentencePiece-style GGUF with a non-Gemma architecture ("llama"), and the ids HF
transformers gives for it, to check the Java SentencePiece path where it differs from Gemma's:
merges ordered by score (with ties), a '▁' put in front of the text (transformers' LlamaTokenizer
does so whatever tokenizer.ggml.add_space_prefix says), and one leading space stripped on decode.

Writes src/test/resources/tokenizer/tiny-llama-sp.gguf (no tensors) and golden-tiny-llama-sp.json.
Usage: tools/tokenizer_tiny_sentencepiece.py
"""
import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import gguf
from transformers import AutoTokenizer

OUT = Path(__file__).resolve().parent.parent / "src" / "test" / "resources" / "tokenizer"
NAME = "tiny-llama-sp.gguf"

# piece -> score; equal scores on purpose so the tie rule (longer left part first, then file order) shows
PIECES = {
    "▁": -1.0, "a": -2.0, "b": -3.0, "c": -4.0, "d": -4.0, "e": -5.0,
    "ab": -6.0, "cd": -6.0, "bc": -7.0, "▁a": -7.0, "de": -8.0,
    "abc": -9.0, "bcd": -9.0, "▁ab": -10.0, "abcd": -11.0, "cde": -11.0, "▁▁": -12.0, "▁abcd": -13.0,
    "é": -14.0,
}


def write_gguf(path):
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)] + list(PIECES)
    scores = [0.0] * (3 + 256) + list(PIECES.values())
    types = [2, 3, 3] + [6] * 256 + [1] * len(PIECES)
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_tokenizer_model("llama")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_unk_token_id(0)
    w.add_add_bos_token(True)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def utf16_index(text, code_points):
    return len(text[:code_points].encode("utf-16-le")) // 2


def main():
    rng = random.Random(7)
    texts = ["", "abc", " abc", "  abcd", "a bc", "abcde", "cdab", "xyz", "é", "ée", "a\nb", "<s>abc",
             "ab<s> abcd", "abcd abcd  abcd", " ", "dcba"]
    texts += ["".join(rng.choice(["a", "b", "c", "d", "e", " ", "  ", "é", "x", "<s>"]) for _ in range(rng.randint(1, 12)))
              for _ in range(40)]
    with tempfile.TemporaryDirectory() as tmp:
        write_gguf(Path(tmp) / NAME)
        tok = AutoTokenizer.from_pretrained(tmp, gguf_file=NAME)
        cases = []
        for text in texts:
            enc = tok(text, return_offsets_mapping=True)
            plain = tok(text, add_special_tokens=False)["input_ids"]
            cases.append({
                "text": text,
                "ids": list(enc["input_ids"]),
                "offsets": [[utf16_index(text, s), utf16_index(text, e)] for s, e in enc["offset_mapping"]],
                "decoded": tok.decode(enc["input_ids"], skip_special_tokens=False, clean_up_tokenization_spaces=False),
                "roundTrips": tok.decode(plain, skip_special_tokens=False, clean_up_tokenization_spaces=False) == text,
            })
        target = OUT / NAME
        shutil.copyfile(Path(tmp) / NAME, target.with_suffix(".tmp"))
        os.replace(target.with_suffix(".tmp"), target)
    golden = {"generator": "tools/tokenizer_tiny_sentencepiece.py", "ggufFile": NAME, "cases": cases}
    with tempfile.NamedTemporaryFile("w", dir=OUT, delete=False, encoding="utf-8", suffix=".tmp") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
    os.replace(f.name, OUT / "golden-tiny-llama-sp.json")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
