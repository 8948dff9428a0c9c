#!/usr/bin/env python3
"""Tables for BENCHMARKS.md from one scripts/bench.sh output directory (JSON files), as Markdown on stdout.

Usage: python3 tools/bench_summary.py target/bench/run-YYYYMMDDTHHMMSSZ

Ratios are taken within a round (Java and Python measured back to back), then the median over rounds.
A ratio > 1 means the other side takes longer than the Java side (Java is faster by that factor).
"""
import glob
import json
import os
import statistics
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def rounds(out, pattern):
    """{round: data} for files named like pattern with {r}."""
    found = {}
    for path in sorted(glob.glob(os.path.join(out, pattern.format(r="*")))):
        r = int(path.rsplit("_r", 1)[1].split(".")[0])
        if os.path.getsize(path) > 0:  # a step still running (or failed) leaves an empty file
            found[r] = load(path)
    return found


def med(values):
    return statistics.median(values) if values else float("nan")


def prefill_table(out):
    lines = []
    for t in (1, 2):
        java = rounds(out, f"prefill_java_t{t}_r{{r}}.json")
        hf = rounds(out, f"prefill_hf_t{t}_r{{r}}.json")
        common = sorted(set(java) & set(hf))
        if not common:
            continue
        lines.append(f"\n**{t} intra-op thread(s)** (DJL `ai.djl.pytorch.num_threads={t}`, torch.set_num_threads({t}); "
                     f"inter-op 1 on both)\n")
        lines.append("| round | Java prefill s | HF prefill s | HF/Java | Java gen32 s | HF gen32 s | HF/Java "
                     "| Java decode ms/token | HF decode ms/token | HF/Java | same 32 ids |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
        ratios = {"p": [], "g": [], "d": []}
        for r in common:
            j, h = java[r], hf[r]
            jp, hp = j["prefill"]["median_s"], h["prefill"]["median_s"]
            jg, hg = j["generate"]["median_s"], h["generate"]["median_s"]
            jd, hd = (jg - jp) / 31 * 1000, (hg - hp) / 31 * 1000  # 32 tokens = 1 from prefill + 31 decode steps
            same = j["generated_ids"] == h["generate"]["generated_ids"]
            ratios["p"].append(hp / jp)
            ratios["g"].append(hg / jg)
            ratios["d"].append(hd / jd)
            lines.append(f"| {r} | {jp:.3f} | {hp:.3f} | {hp / jp:.2f} | {jg:.3f} | {hg:.3f} | {hg / jg:.2f} | "
                         f"{jd:.1f} | {hd:.1f} | {hd / jd:.2f} | {same} |")
        lines.append(f"| **median** | | | **{med(ratios['p']):.2f}** | | | **{med(ratios['g']):.2f}** | | | "
                     f"**{med(ratios['d']):.2f}** | |")
    return lines


def compare(a, b, kinds=None):
    keys = [k for k in b if k in a and (kinds is None or k.split("/")[1] in kinds)]
    return sum(a[k] == b[k] for k in keys), len(keys)


def sweep_table(out):
    fast = rounds(out, "sweep_fast_r{r}.json")
    naive = rounds(out, "sweep_naive_r{r}.json")
    hf = rounds(out, "sweep_hf_r{r}.json")
    common = sorted(set(fast) & set(naive))
    if not common:
        return []
    lines = ["\n| round | fast s/prompt (measured) | naive s/prompt (extrapolated) | HF+hooks s/prompt (extrapolated) "
             "| naive/fast | HF/fast | fast = naive ids | HF = naive ids (freeze, inject, skip) |",
             "|---|---|---|---|---|---|---|---|"]
    rn, rh = [], []
    for r in common:
        f = fast[r]["seconds_per_prompt"]
        n = naive[r]["extrapolated_seconds_per_prompt"]
        h = hf[r]["plan_sweep"]["extrapolated_seconds_per_prompt"] if r in hf else float("nan")
        rn.append(n / f)
        if r in hf:
            rh.append(h / f)
        checks = []
        for a, b, kinds in (("fast", "naive", None), ("hf", "naive", {"freeze", "inject", "skip-attention"})):
            pa, pb = os.path.join(out, f"check_{a}_r{r}.json"), os.path.join(out, f"check_{b}_r{r}.json")
            if os.path.exists(pa) and os.path.exists(pb):
                same, total = compare(load(pa), load(pb), kinds)
                checks.append(f"{same}/{total}")
            else:
                checks.append("n/a")
        lines.append(f"| {r} | {f:.1f} | {n:.1f} | {h:.1f} | {n / f:.1f} | {h / f:.1f} | {checks[0]} | {checks[1]} |")
    lines.append(f"| **median** | | | | **{med(rn):.1f}** | **{med(rh):.1f}** | | |")
    f0, n0 = fast[common[0]], naive[common[0]]
    lines.append(f"\nfast: {f0['prompts']} prompts x {f0['runs'] // f0['prompts']} runs, {f0['generation']}, "
                 f"workers {f0['workers']}, batchRows {f0['batchRows']}; naive and HF: {n0['prompts']} prompt(s) x "
                 f"{n0['sampledRuns'] // n0['prompts']} sampled runs, extrapolated x {f0['runs'] // f0['prompts']} "
                 f"runs per prompt. For 50 prompts multiply s/prompt by 50: fast {50 * med([fast[r]['seconds_per_prompt'] for r in common]) / 3600:.2f} h, "
                 f"naive {50 * med([naive[r]['extrapolated_seconds_per_prompt'] for r in common]) / 3600:.2f} h, "
                 f"HF {50 * med([hf[r]['plan_sweep']['extrapolated_seconds_per_prompt'] for r in hf]) / 3600 if hf else float('nan'):.2f} h.")
    return lines


def production(out):
    path = os.path.join(out, "sweep_production.json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    p = load(path)
    return [f"\nproduction setting: {p['prompts']} prompts x {p['runs'] // p['prompts']} runs, {p['generation']}, "
            f"{p['workers']} workers x {p['settings']['djlIntraOpThreads']} intra-op thread, batchRows {p['batchRows']}: "
            f"**{p['total_s']:.0f} s** total ({p['seconds_per_prompt']:.1f} s/prompt, {p['tokensGenerated']} tokens "
            f"generated, {p['tokensGenerated'] / p['runs']:.2f} per run)."]


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        raise SystemExit("usage: bench_summary.py OUT_DIR (a scripts/bench.sh output directory)")
    out = sys.argv[1]
    m = load(os.path.join(out, "machine.json"))
    fin = os.path.join(out, "finished.json")
    end = load(fin) if os.path.exists(fin) else {}
    print(f"Run {m['started']} -> {end.get('finished', '?')}, git {m['git']}, model {m['model']}, "
          f"nproc {m['nproc']}, load average at start {m['loadavg']}, at end {end.get('loadavg', '?')}, CPU {m['cpu']}.")
    print(f"Command: `{m['command']}`")
    print("\n### Prefill (64 tokens) and greedy generation (32 tokens)")
    print("\n".join(prefill_table(out)))
    print("\n### Sweep, per core (1 intra-op thread, 1 process each), 8 tokens per run")
    print("\n".join(sweep_table(out)))
    print("\n".join(production(out)))


if __name__ == "__main__":
    main()
