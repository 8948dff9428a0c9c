#!/usr/bin/env python3
"""Print target/claims-summary.json as a Markdown claims x models table (for the README).

Each cell: the verdict and the decisive number with its interval against the bound.
Usage: scripts/verdict_table.py [target/claims-summary.json]
"""
import json
import sys
from collections import OrderedDict

path = sys.argv[1] if len(sys.argv) > 1 else "target/claims-summary.json"
summary = json.load(open(path))
models = sorted({v["model"] for v in summary["verdicts"]})
rows = OrderedDict()
for v in summary["verdicts"]:
    rows.setdefault((v["claim"], v["title"], v["task"]), {})[v["model"]] = v


def cell(v):
    if v is None:
        return "-"
    d = v.get("decisive") or {}
    m = d.get("measured") or {}
    if "not testable" in v.get("explanation", "") and "point" in m:
        return (f"**{v['verdict']}** (not testable: clean score {m['point']:.2f} [{m['lower']:.2f}, "
                f"{m['upper']:.2f}] too close to chance)")
    if "point" in m and d.get("bound") is not None:
        k = f" k={d['k']}" if d.get("k") is not None else ""
        return (f"**{v['verdict']}**{k}: {m['point']:.2f} [{m['lower']:.2f}, {m['upper']:.2f}] "
                f"(needs {d.get('relation', '')} {d['bound']:.2f})")
    return f"**{v['verdict']}**"


print("| claim | task | " + " | ".join(models) + " |")
print("|---|---|" + "---|" * len(models))
for (claim, title, task), by_model in rows.items():
    print(f"| {claim} {title} | {task} | " + " | ".join(cell(by_model.get(m)) for m in models) + " |")
counts = {m: {} for m in models}
for v in summary["verdicts"]:
    counts[v["model"]][v["verdict"]] = counts[v["model"]].get(v["verdict"], 0) + 1
print()
for m in models:
    c = counts[m]
    print(f"- {m}: {c.get('HOLDS', 0)} HOLDS, {c.get('REFUTED', 0)} REFUTED, {c.get('INCONCLUSIVE', 0)} INCONCLUSIVE")
