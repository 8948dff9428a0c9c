#!/usr/bin/env python3
"""Golden token ids for the Java tokenizers, from HF transformers' tokenizer built from the same GGUF.

For every model fixture whose GGUF is in the cache, loads `AutoTokenizer.from_pretrained(dir,
gguf_file=NAME)` and writes src/test/resources/tokenizer/golden-<model>.json with, per test string:
the ids with the model's default BOS policy, their offsets converted from code-point indices to the
UTF-16 indices a Java String uses, the ids without special tokens, HF's decode of the default ids
(clean_up_tokenization_spaces=False, nothing skipped) and whether HF round-trips the text.
The tokenizer's own pipeline (normaliser, pre-tokeniser, decoder) is written beside it as
pipeline-<model>.json (model vocab and merges left out) so a reader can see what Java imitates.

Usage: tools/tokenizer_golden.py [smollm2 gemma3 qwen2]   (default: all; cache: $ATTEND_FIRST_CACHE/models, default ~/.cache/attend-first/models)
"""
import json
import os
import random
import sys
import tempfile
from pathlib import Path

from transformers import AutoTokenizer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "test" / "resources" / "tokenizer"
MODELS = {"smollm2": "SmolLM2-135M-Instruct.Q4_1.gguf", "gemma3": "gemma-3-270m-q4_k_m.gguf",
          # issue 21: Qwen2.5's qwen2 pre-tokeniser (NFC, single digits); one file stands for both sizes (the
          # 0.5B and 1.5B GGUFs carry the same vocabulary and merges; the Java test checks that)
          "qwen2": "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"}

COMMON = [
    "",
    "Hello world",
    "The quick brown fox jumps over the lazy dog.",
    "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A:",
    "The country Italy",
    "12345",
    "3.14 and 2.718, then 1000000 or 42",
    "Add 17 + 25 = ?",
    "She's here, they're late, it's fine and I can't wait; we'll see, I'd go, you've won, I'm in.",
    "SHE'S LOUD",
    "!!!??? ... ---> ***",
    "a  b   c    d",
    "   leading spaces",
    "trailing spaces   ",
    "line one\nline two\n\nline four\n\n\n",
    "tab\tseparated\t\tvalues",
    "\r\nwindows line\r\n",
    " ",
    "\n",
    "café naïve résumé Ünïcödé",
    "Straße in München, Ελληνικά, русский текст",
    "東京は日本の首都です。",
    "北京是中国的首都",
    "한국어 문장",
    "emoji 😀 and 👍🏽 and 🇫🇷",
    "mixed:abc123def_456-ghi",
    "https://example.org/path?q=1&r=two#frag",
    "def f(x):\n    return x * 2  # double",
    "{\"key\": [1, 2, 3], \"other\": null}",
    "non\u00a0breaking and ideographic\u3000space and thin\u2009space",
    "control\u0085next",
    "zero\u200bwidth",
    "bytes without tokens: a\x04b\x7fc\x1d",
    "The answer is: Paris",
    "ÀÉÎÕÜ àéîõü ñ ç ø å",
    "x" * 40,
    "a" * 3 + " " * 7 + "b",
]
SPECIAL = {
    "qwen2": [
        "<|im_start|>system\nYou are Qwen.<|im_end|>\n<|im_start|>user\nWrite code<|im_end|>\n<|im_start|>assistant\n",
        "<|fim_prefix|>def f(x):<|fim_suffix|>\n<|fim_middle|>",
        "x = 12345678 + 0.5;\r\n\ty = \"DON'T\"  \n\n",
        "Cafe\u0301 Zu\u0308rich \uFB01 \u212B",
    ],
    "smollm2": [
        "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n",
        "end of text<|endoftext|>next",
        "<|im_start|><|im_end|>",
        "<|im_start",
    ],
    "gemma3": [
        "<start_of_turn>user\nWhat is the capital of France?<end_of_turn>\n<start_of_turn>model\n",
        "<bos>inside text<eos>",
        "<start_of_turn><end_of_turn>",
        "<start_of_turn",
        "[multimodal] and <unused0>",
    ],
}


# Pieces the seeded random strings are glued from: words, numbers, punctuation, every kind of
# whitespace HF's regexes and normalisers treat specially, accents, CJK, emoji, and bits of special tokens.
PIECES = [
    "the", "The", " capital", " of", "France", "Paris", "Madrid", "consolidate", "attention", "layer",
    "don't", "it's", "we're", "I'VE", "you'll", "he'd", "0", "7", "42", "2024", "3.14159", "1,000,000",
    "-", "--", "...", "?!", ",", ".", ":", ";", "(", ")", "[", "]", "{", "}", "\"", "'", "`", "#", "@", "$", "%",
    " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\u00a0", "\u2009", "\u3000", "\u0085", "\u200b", "\u2581",
    "é", "ü", "ñ", "ß", "Ø", "ç", "ı", "İ", "ﬁ", "Å", "e\u0301", "Ω", "λ", "ж", "ש", "ع", "क", "ก",
    "日本", "中文", "字", "한", "です", "😀", "👍🏽", "🇫🇷", "𝔘", "\u0004", "\u007f", "<", ">", "|", "<|", "|>", "_",
]


def random_strings(seed, count, extra_pieces):
    rng = random.Random(seed)
    pieces = PIECES + extra_pieces
    out = []
    for i in range(count):
        n = rng.randint(1, 30) if i % 20 else rng.randint(150, 300)
        out.append("".join(rng.choice(pieces) for _ in range(n)))
    return out


SPECIAL_PIECES = {
    "qwen2": ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|fim_prefix|>", "<|im_", "'S", "'LL", "\r\n\n"],
    "smollm2": ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|im_"],
    "gemma3": ["<start_of_turn>", "<end_of_turn>", "<bos>", "<eos>", "<start_of", "<unused7>", "[multimodal]"],
}


def utf16_index(text, code_points):
    return len(text[:code_points].encode("utf-16-le")) // 2


def cases_for(tok, strings):
    cases = []
    for text in strings:
        enc = tok(text, return_offsets_mapping=True)
        ids = list(enc["input_ids"])
        offsets = [[utf16_index(text, s), utf16_index(text, e)] for s, e in enc["offset_mapping"]]
        plain = tok(text, add_special_tokens=False)["input_ids"]
        decoded = tok.decode(ids, skip_special_tokens=False, clean_up_tokenization_spaces=False)
        plain_decoded = tok.decode(plain, skip_special_tokens=False, clean_up_tokenization_spaces=False)
        cases.append({
            "text": text,
            "ids": ids,
            "offsets": offsets,
            "idsWithoutSpecial": list(plain),
            "decoded": decoded,
            "roundTrips": plain_decoded == text,
        })
    return cases


def decode_cases(tok, seed, count):
    """HF's decode of seeded random id sequences, half of them from byte-level/byte-fallback tokens
    (so that partial and invalid UTF-8 shows how replacement characters are produced)."""
    rng = random.Random(seed)
    size = len(tok)
    byte_ids = [i for i in range(min(size, 100000)) if len(tok.convert_ids_to_tokens(i)) == 1
                or tok.convert_ids_to_tokens(i).startswith("<0x")]
    out = []
    for i in range(count):
        pool = byte_ids if i % 2 else range(size)
        ids = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
        out.append({"ids": ids, "decoded": tok.decode(ids, skip_special_tokens=False, clean_up_tokenization_spaces=False)})
    return out


def write_atomic(path, obj, compact=False):
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as f:
        if compact:
            json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))
        else:
            json.dump(obj, f, ensure_ascii=False, indent=1)
        tmp = f.name
    os.replace(tmp, path)


def main():
    cache = Path(os.environ.get("ATTEND_FIRST_CACHE") or Path.home() / ".cache" / "attend-first") / "models"
    OUT.mkdir(parents=True, exist_ok=True)
    import transformers
    chosen = sys.argv[1:] or list(MODELS)
    for model in chosen:
        file_name = MODELS[model]
        if not (cache / file_name).exists():
            print(f"{model}: {cache / file_name} absent, run python3 scripts/fetch_models.py", file=sys.stderr)
            continue
        tok = AutoTokenizer.from_pretrained(str(cache), gguf_file=file_name)
        pipeline = json.loads(tok.backend_tokenizer.to_str())
        pipeline["model"] = {k: v for k, v in pipeline["model"].items() if k not in ("vocab", "merges")}
        pipeline["added_tokens"] = len(pipeline["added_tokens"])
        write_atomic(OUT / f"pipeline-{model}.json", pipeline)
        golden = {
            "generator": "tools/tokenizer_golden.py",
            "transformers": transformers.__version__,
            "ggufFile": file_name,
            "addBos": bool(getattr(tok, "add_bos_token", False)),
            "bosId": tok.bos_token_id,
            "eosId": tok.eos_token_id,
            "cases": cases_for(tok, COMMON + SPECIAL[model]),
        }
        golden["decodeCases"] = decode_cases(tok, 20241104, 60)
        write_atomic(OUT / f"golden-{model}.json", golden)
        randoms = cases_for(tok, random_strings(20241103, 120, SPECIAL_PIECES[model]))
        for case in randoms:
            del case["idsWithoutSpecial"]
        write_atomic(OUT / f"golden-random-{model}.json", dict(golden, cases=randoms, decodeCases=[]), compact=True)
        print(f"{model}: {len(golden['cases'])} cases")


if __name__ == "__main__":
    main()
