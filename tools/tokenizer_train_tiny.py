#!/usr/bin/env python3
"""Trains a tiny byte-level BPE tokenizer (vocab 300) on a few sentences written for this project,
and writes golden ids from the Python `tokenizers` library for the Java DJL test.

Writes src/test/resources/tokenizer/tiny-hf/{tokenizer.json, tokenizer_config.json} and
src/test/resources/tokenizer/golden-tiny-hf.json (ids with BOS as the config says, UTF-16 spans,
decode with nothing skipped, whether decoding gives the text back).

Usage: tools/tokenizer_train_tiny.py
"""
import json
import os
import tempfile
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

OUT = Path(__file__).resolve().parent.parent / "src" / "test" / "resources" / "tokenizer"

CORPUS = [
    "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A: Paris",
    "The model gathers from earlier tokens first and consolidates later in its upper layers.",
    "Hidden states of previous tokens are replaced by noise from some layer upward.",
    "If the layer is late, the answer barely changes; if it is early, the answer falls apart.",
    "Italy, France, Spain and Portugal each have a capital city: Rome, Paris, Madrid, Lisbon.",
    "Adding 17 and 25 gives 42; multiplying 6 by 7 gives 42 as well.",
    "A café in München serves crème brûlée to the naïve tourist.",
]
TESTS = [
    "",
    "What is the capital of Italy?",
    "the capital of France is Paris",
    "Adding 12 and 30",
    "  two leading spaces and\ttab",
    "crème brûlée in München",
    "unseen words: zebra quokka",
    "emoji 😀 stays",
    "<s> written in text </s>",
    "line\nbreak",
]


def write_atomic(path, text):
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as f:
        f.write(text)
        tmp = f.name
    os.replace(tmp, path)


def utf16_index(text, code_points):
    return len(text[:code_points].encode("utf-16-le")) // 2


def main():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<s>", "</s>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS, trainer)
    bos = tok.token_to_id("<s>")
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", special_tokens=[("<s>", bos)])

    out_dir = OUT / "tiny-hf"
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / "tokenizer.json", tok.to_str(pretty=True))
    config = {"add_bos_token": True, "bos_token": "<s>", "eos_token": "</s>"}
    write_atomic(out_dir / "tokenizer_config.json", json.dumps(config, indent=1))

    cases = []
    for text in TESTS:
        enc = tok.encode(text)  # the post-processor puts <s> first, matching add_bos_token
        plain = tok.encode(text, add_special_tokens=False)
        cases.append({
            "text": text,
            "ids": enc.ids,
            "offsets": [[utf16_index(text, s), utf16_index(text, e)] for s, e in enc.offsets],
            "decoded": tok.decode(enc.ids, skip_special_tokens=False),
            "roundTrips": tok.decode(plain.ids, skip_special_tokens=False) == text,
        })
    golden = {"generator": "tools/tokenizer_train_tiny.py", "vocabSize": tok.get_vocab_size(),
              "bosId": bos, "eosId": tok.token_to_id("</s>"), "addBos": True, "cases": cases}
    write_atomic(OUT / "golden-tiny-hf.json", json.dumps(golden, ensure_ascii=False, indent=1))
    print("vocab", tok.get_vocab_size(), "cases", len(cases))


if __name__ == "__main__":
    main()
