#!/usr/bin/env python3
"""Issue 11 tables from one scripts/bench.sh run with PARTS containing "engine": main's engine vs the new one on the
same production sweep, per round (the sides ran back to back) and the median over rounds."""
import json
import statistics
import sys
from pathlib import Path


def load(path):
    return json.loads(Path(path).read_text())


def done(path):
    """A config's result file, or None when it was not run or was stopped (empty file)."""
    path = Path(path)
    return path if path.exists() and path.read_text().strip() else None


def main(out):
    out = Path(out)
    rounds = sorted({int(p.stem.rsplit("_r", 1)[1]) for p in out.glob("engine_main_w2t1_r*.json")})
    configs = [("new 2x1", "engine_new_w2t1"), ("new 1x2", "engine_new_w1t2"),
               ("new 2x1, small budget", "engine_new_w2t1_small")]
    print("| round | main 2x1 s | " + " | ".join(f"{c} s | main/{c}" for c, _ in configs) + " |")
    print("|---|---|" + "---|---|" * len(configs))
    ratios = {c: [] for c, _ in configs}
    for r in rounds:
        m = load(out / f"engine_main_w2t1_r{r}.json")
        row = [str(r), f"{m['seconds']:.1f}"]
        for c, stem in configs:
            f = done(out / f"{stem}_r{r}.json")
            if f is None:
                row += ["not run", "-"]
                continue
            n = load(f)
            assert n["runs"] == m["runs"], f"{f}: {n['runs']} runs, main ran {m['runs']}"
            ratio = m["seconds"] / n["seconds"]
            ratios[c].append(ratio)
            row += [f"{n['seconds']:.1f}", f"**{ratio:.2f}**"]
        print("| " + " | ".join(row) + " |")
    print("| median | | " + " | ".join(f"| **{statistics.median(v):.2f}**" if v else "| -" for v in ratios.values()) + " |")
    print()
    print("Per task (last round), FLOPs counted by the engine (Flops): computed vs what a minimal sweep needs, and the")
    print("achieved rate against the float32 product peak measured in the same round (256x576 @ 576x1536, DJL).")
    print()
    r = rounds[-1]
    p1 = load(out / f"engine_peak_t1_r{r}.json")["gflopPerSecond"]
    p2 = load(out / f"engine_peak_t2_r{r}.json")["gflopPerSecond"]
    m = load(out / f"engine_main_w2t1_r{r}.json")
    print(f"peak: 1 thread {p1:.1f} GFLOP/s, 2 threads {p2:.1f} GFLOP/s (machine = 2 x 1-thread peak: {2 * p1:.1f})")
    print()
    print("| config | task | runs | main s | new s | main/new | computed TFLOP | minimal TFLOP | minimal/computed "
          "| computed GFLOP/s | of 2x1-thread peak |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    main_by_task = {t["task"]: t for t in m["tasks"]}
    for c, stem in configs:
        f = done(out / f"{stem}_r{r}.json")
        if f is None:
            continue
        for t in load(f)["tasks"]:
            mt = main_by_task[t["task"]]
            print(f"| {c} | {t['task']} | {t['runs']} | {mt['seconds']:.1f} | {t['seconds']:.1f} | "
                  f"{mt['seconds'] / t['seconds']:.2f} | {t['flopsComputed'] / 1e12:.2f} | {t['flopsMinimal'] / 1e12:.2f} | "
                  f"{t['flopsMinimal'] / t['flopsComputed']:.2f} | {t['computedGflopPerSecond']:.1f} | "
                  f"{t['computedGflopPerSecond'] / (2 * p1):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
