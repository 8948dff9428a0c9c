#!/usr/bin/env python3
"""Clean (unmanipulated) scores of the default model on the built-in tasks, with HF transformers.

Reads the examples the Java side generates (so both run the very same prompts):
    mvn -q compile && java -cp target/classes:<gson.jar> attendfirst.run.ExampleDump target/tasks/examples.json
    python3 tools/tasks_baseline_check.py target/tasks/examples.json target/tasks/baseline.json
    python3 tools/tasks_baseline_check.py --golden target/tasks/examples.json target/tasks/baseline.json \
        src/test/resources/tasks/baseline_generations.json

Greedy decoding in float32, no sampling, stop once the generated text contains a stop string, at most
maxNewTokens tokens. Metrics are recomputed here independently of the Java code: capitals by prefix
match after normalisation, arithmetic by the leading integer, SQuAD EM/F1 with the official v1.1
formula, ROUGE with the `rouge-score` package (use_stemmer=True). The output JSON holds every
generation, so the Java metrics can be checked against the same texts.
"""
import collections
import json
import os
import re
import string
import sys
import time
import unicodedata

import torch
from rouge_score import rouge_scorer
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_DIR = os.environ.get("ATTENDFIRST_MODEL_DIR", "/root/.cache/attend-first/models")
MODEL_FILE = os.environ.get("ATTENDFIRST_MODEL_FILE", "SmolLM2-135M-Instruct.Q4_1.gguf")


def cut(text, stops):
    at = min([text.find(s) for s in stops if s in text] or [len(text)])
    return text[:at]


def norm_name(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.category(c).startswith("M")).lower()
    s = re.sub(r"['\u2019\u2018`.]", "", s)
    return re.sub(r"[^\w]+|_", " ", s).strip()


def capitals_ok(gen, answers):
    g = norm_name(gen)
    return any(g == a or g.startswith(a + " ") for a in map(norm_name, answers) if a)


def squad_norm(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def squad_f1(pred, gold):
    p, g = squad_norm(pred).split(), squad_norm(gold).split()
    same = sum((collections.Counter(p) & collections.Counter(g)).values())
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / len(g)
    return 2 * prec * rec / (prec + rec)


@torch.no_grad()
def greedy(model, tok, prompt, max_new, stops):
    """Greedy decoding with a KV cache; stops once the decoded continuation contains a stop string."""
    ids = tok(prompt, return_tensors="pt").input_ids
    out = model(ids, use_cache=True)
    past, generated = out.past_key_values, []
    for _ in range(max_new):
        nxt = int(out.logits[0, -1].argmax())
        if nxt == tok.eos_token_id:
            break
        generated.append(nxt)
        text = tok.decode(generated, skip_special_tokens=True)
        if any(s in text for s in stops):
            break
        out = model(torch.tensor([[nxt]]), past_key_values=past, use_cache=True)
        past = out.past_key_values
    return tok.decode(generated, skip_special_tokens=True)


def main(inp, out):
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))  # 2 cores shared by several jobs
    torch.manual_seed(0)
    tasks = json.load(open(inp, encoding="utf-8"))
    tok = AutoTokenizer.from_pretrained(MODEL_DIR, gguf_file=MODEL_FILE)
    model = AutoModelForCausalLM.from_pretrained(MODEL_DIR, gguf_file=MODEL_FILE, dtype=torch.float32).eval()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    report = {"model": MODEL_FILE, "dtype": "float32", "decoding": "greedy", "tasks": []}
    for task in tasks:
        t0 = time.time()
        rows, sums = [], collections.defaultdict(float)
        for ex in task["examples"]:
            raw = greedy(model, tok, ex["prompt"], task["maxNewTokens"], task["stopStrings"])
            gen = cut(raw, task["stopStrings"])
            name = task["name"]
            if name == "capitals":
                m = {"accuracy": float(capitals_ok(gen, ex["answers"]))}
            elif name == "arithmetic":
                mt = re.match(r"\s*(-?\d+)", gen)
                m = {"accuracy": float(bool(mt) and mt.group(1) == ex["answers"][0])}
            elif name == "squad":
                m = {"exactMatch": max(float(squad_norm(gen) == squad_norm(a)) for a in ex["answers"]),
                     "f1": max(squad_f1(gen, a) for a in ex["answers"])}
            else:
                s = scorer.score(ex["answers"][0], gen)
                m = {k: s[k].fmeasure for k in ("rouge1", "rouge2", "rougeL")}
            for k, v in m.items():
                sums[k] += v
            rows.append({"id": ex["id"], "generated": raw, "metrics": m})
            if len(rows) % 10 == 0:
                print(f"  {task['name']} {len(rows)}/{len(task['examples'])} ({time.time() - t0:.0f}s)", flush=True)
        n = len(rows)
        summary = {k: v / n for k, v in sums.items()}
        print(f"{task['spec']}: n={n} {json.dumps({k: round(v, 3) for k, v in summary.items()})} "
              f"chance={task['chance']['value']:.3f} ({time.time() - t0:.0f}s)", flush=True)
        for r in rows[:3]:
            print("   ", r["id"], repr(r["generated"]), flush=True)
        report["tasks"].append({"spec": task["spec"], "n": n, "mean": summary,
                                "chance": task["chance"], "examples": rows})
    tmp = out + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    os.replace(tmp, out)


def golden(examples_path, baseline_path, out):
    """Compact file of real generations with the Python metrics, for the Java metric cross-check test."""
    examples = {t["spec"]: {e["id"]: e for e in t["examples"]} for t in json.load(open(examples_path, encoding="utf-8"))}
    baseline = json.load(open(baseline_path, encoding="utf-8"))
    compact = {"generator": "tools/tasks_baseline_check.py --golden", "model": baseline["model"], "tasks": []}
    for t in baseline["tasks"]:
        rows = []
        for r in t["examples"]:
            e = examples[t["spec"]][r["id"]]
            small = {k: v for k, v in e["fields"].items() if k in ("country", "shotCountry", "result")}
            rows.append({"id": r["id"], "answers": e["answers"], "fields": small, "generated": r["generated"],
                         "metrics": r["metrics"]})
        compact["tasks"].append({"spec": t["spec"], "mean": t["mean"], "chance": t["chance"], "examples": rows})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(compact, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    if sys.argv[1] == "--golden":
        golden(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main(sys.argv[1], sys.argv[2])
