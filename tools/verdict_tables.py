#!/usr/bin/env python3
"""Verdict tables from claims-summary.json files (the main job's target/claims-summary.json).

    python3 tools/verdict_tables.py table SUMMARY.json            # the README's verdict table + counts
    python3 tools/verdict_tables.py compare A.json B.json [--label-a X --label-b Y]
                                                                 # both tables, per-cell agreement, the share
                                                                 # of testable cells left INCONCLUSIVE by an
                                                                 # interval straddling its bound

Only the standard library: it reads what the Java run wrote and prints Markdown.
"""
import argparse
import json
import re
import sys

PAPER_TRANSITION = "paper: switch flips at k=17-22 of 32 (0.53-0.69 L); random costs little from 0.5-0.7 L"


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        sys.exit(f"verdict_tables: cannot read {path}: {e}")
    if "verdicts" not in data or "run" not in data:
        sys.exit(f"verdict_tables: {path} is not a claims summary (expected keys 'run' and 'verdicts')")
    return data


def key(v):
    return (v["claim"], v["task"])


def kind(v):
    """HOLDS, REFUTED, STRADDLES (inconclusive: an interval straddles its bound), UNTESTABLE, or OTHER."""
    if v["verdict"] != "INCONCLUSIVE":
        return v["verdict"]
    text = v.get("explanation", "")
    if text.startswith("inconclusive: an interval straddles"):
        return "STRADDLES"
    if text.startswith("not testable"):
        return "UNTESTABLE"
    return "OTHER"


def fmt(x):
    return f"{x:.2f}"


def layer(x, n_layers):
    """A transition layer bound; null in the summary means 'not reached within the model's layers'."""
    return str(x) if x is not None else f"none < {n_layers}"


def frac(x):
    return fmt(x) if x is not None else "1.00+"


def solved_share(v):
    """'solves 53 of 188 (correct)' from the verdict's examples note, or None (switch, older summaries)."""
    m = re.search(r"solves (\d+) of (\d+) \(([^;)]*(?:\([^)]*\))?[^;)]*)\)", v.get("examples", "") or v.get("explanation", ""))
    return f"solves {m.group(1)} of {m.group(2)}" if m else None


def extreme(v):
    """What the decisive value is: the band's extreme the verdict turns on (see ClaimJudge)."""
    rule = v.get("rule", "")
    d = v["decisive"]
    if v["claim"].startswith("C3") or "t1" in rule:
        return "at the best split"
    if "for some k" in rule:
        return "band max" if d["relation"] == ">=" else "band min"
    if v["verdict"] == "REFUTED":
        return "most violating"
    return "band max" if d["relation"] == "<=" else "band min"


def cell(v):
    k = kind(v)
    if k == "UNTESTABLE":
        m = re.match(r"not testable: (solves \d+ of \d+)", v["explanation"])
        return f"**INCONCLUSIVE** (not testable: {m.group(1)})" if m else f"**INCONCLUSIVE** ({v['explanation'][:80]})"
    d = v.get("decisive")
    out = f"**{v['verdict']}**"
    if d:
        m = d["measured"]
        out += (f" {extreme(v)} k={d['k']}: {fmt(m['point'])} [{fmt(m['lower'])}, {fmt(m['upper'])}]"
                f" (needs {d['relation']} {fmt(d['bound'])})")
        if d.get("k") == 1 and v["verdict"] == "HOLDS" and "for some k" in v.get("rule", ""):
            out += " (at k=1: only layer 0 attends to the true context)"
    t = v.get("transition")
    if t and t.get("k") is not None:
        n_layers = v["numLayers"]
        if t.get("kUpper") is None:
            out += f"; transition undetermined (interval [{layer(t['kLower'], n_layers)}, unbounded])"
        else:
            out += (f"; transition k={t['k']} [{layer(t['kLower'], n_layers)}, {layer(t['kUpper'], n_layers)}] = "
                    f"{fmt(t['fraction'])} [{frac(t['fractionLower'])}, {frac(t['fractionUpper'])}] L")
    elif t:
        out += "; no transition reached"
    out += f" n={v['n']}"
    share = solved_share(v)
    if share:
        out += f", {share}"
    if v["verdict"] == "INCONCLUSIVE" and v.get("examplesNeeded"):
        out += f", needs ~{v['examplesNeeded']}"
    return out


def models(data):
    return sorted({v["model"] for v in data["verdicts"]})


def rows(data):
    order = []
    for v in data["verdicts"]:
        if key(v) not in order:
            order.append(key(v))
    return order


def by_key(data):
    return {(v["model"],) + key(v): v for v in data["verdicts"]}


def title(data, claim):
    for v in data["verdicts"]:
        if v["claim"] == claim:
            return f"{claim} {v.get('title', '')}".strip()
    return claim


def table(data):
    ms = models(data)
    idx = by_key(data)
    lines = ["| claim | task | " + " | ".join(ms) + " |", "|---|---|" + "---|" * len(ms)]
    for claim, task in rows(data):
        cells = [cell(idx[(m, claim, task)]) if (m, claim, task) in idx else "(not run)" for m in ms]
        lines.append(f"| {title(data, claim)} | {task} | " + " | ".join(cells) + " |")
    lines.append("")
    for m in ms:
        vs = [v for v in data["verdicts"] if v["model"] == m]
        count = {k: sum(1 for v in vs if kind(v) == k) for k in ("HOLDS", "REFUTED", "STRADDLES", "UNTESTABLE", "OTHER")}
        testable = len(vs) - count["UNTESTABLE"]
        share = count["STRADDLES"] / testable if testable else 0.0
        lines.append(f"- {m}: {count['HOLDS']} HOLDS, {count['REFUTED']} REFUTED, "
                     f"{count['STRADDLES'] + count['UNTESTABLE'] + count['OTHER']} INCONCLUSIVE "
                     f"({count['STRADDLES']} straddling a bound, {count['UNTESTABLE']} not testable); "
                     f"straddling: {count['STRADDLES']} of {testable} testable cells = {share:.0%}")
    decided = sum(1 for v in data["verdicts"] if v["verdict"] != "INCONCLUSIVE")
    lines.append("")
    lines.append(f"Error across the table: each cell's verdict is wrong with probability at most alpha = 0.05 "
                 f"(family-wise over its band's k and its looks); nothing is controlled across cells, so of the "
                 f"{decided} decided cells about {0.05 * decided:.1f} may be wrong in expectation (at most).")
    transitions = [v for v in data["verdicts"] if v.get("transition")]
    if transitions:
        lines.append("")
        lines.append(f"Transition layer, per model and task ({PAPER_TRANSITION}):")
        lines.append("")
        lines.append("| model | claim | task | k [95% interval] | fraction of depth [95% interval] |")
        lines.append("|---|---|---|---|---|")
        definitions = {}
        for v in transitions:
            t = v["transition"]
            definitions[v["claim"]] = t["definition"]
            n_layers = v["numLayers"]
            if t.get("k") is None:
                lines.append(f"| {v['model']} | {v['claim']} | {v['task']} | not reached within {n_layers} layers | |")
                continue
            if t.get("kUpper") is None:
                lines.append(f"| {v['model']} | {v['claim']} | {v['task']} | undetermined: point {t['k']}, interval "
                             f"[{layer(t['kLower'], n_layers)}, unbounded] of {n_layers} | |")
                continue
            lines.append(f"| {v['model']} | {v['claim']} | {v['task']} | {t['k']} [{layer(t['kLower'], n_layers)}, "
                         f"{layer(t['kUpper'], n_layers)}] of {n_layers} | {fmt(t['fraction'])} "
                         f"[{frac(t['fractionLower'])}, {frac(t['fractionUpper'])}] |")
        lines.append("")
        for claim, definition in sorted(definitions.items()):
            lines.append(f"- {claim}: {definition}")
    return "\n".join(lines)


def run_id(data):
    run = data["run"]
    return f"{run['id']} ({run.get('plan', 'plan not recorded')})" if isinstance(run, dict) else str(run)


def straddle_share(data):
    vs = data["verdicts"]
    testable = [v for v in vs if kind(v) != "UNTESTABLE"]
    straddling = [v for v in testable if kind(v) == "STRADDLES"]
    return len(straddling), len(testable)


def compare(a, b, label_a, label_b):
    ia, ib = by_key(a), by_key(b)
    common = [k for k in ia if k in ib]
    same = [k for k in common if ia[k]["verdict"] == ib[k]["verdict"]]
    changes = {}
    for k in common:
        if ia[k]["verdict"] != ib[k]["verdict"]:
            changes.setdefault(f"{ia[k]['verdict']} -> {ib[k]['verdict']}", []).append(k)
    out = [f"## {label_a}: run {run_id(a)}", "", table(a), "", f"## {label_b}: run {run_id(b)}", "", table(b), "",
           "## Agreement", ""]
    share = len(same) / len(common) if common else 0.0
    out.append(f"Same verdict on **{len(same)} of {len(common)} cells = {share:.1%}** "
               f"(cells only in one run: {len(ia) - len(common)} in {label_a}, {len(ib) - len(common)} in {label_b}).")
    both = [k for k in common if kind(ia[k]) != "UNTESTABLE" and kind(ib[k]) != "UNTESTABLE"]
    agree = [k for k in both if ia[k]["verdict"] == ib[k]["verdict"]]
    testability = [k for k in common if ia[k]["verdict"] != ib[k]["verdict"]
                   and (kind(ia[k]) == "UNTESTABLE") != (kind(ib[k]) == "UNTESTABLE")]
    out.append(f"- cells testable in both runs: {len(agree)} of {len(both)} agree"
               f" ({(len(agree) / len(both) if both else 0):.1%}); {len(testability)} of the "
               f"{len(common) - len(same)} changes are a cell testable in one run only (clean score too close to "
               f"chance in the other)")
    for label, data in ((label_a, a), (label_b, b)):
        s, t = straddle_share(data)
        out.append(f"- {label}: INCONCLUSIVE by a straddling interval on {s} of {t} testable cells "
                   f"({(s / t if t else 0):.0%})")
    if changes:
        out.append("")
        out.append("| change | cells |")
        out.append("|---|---|")
        for change, ks in sorted(changes.items()):
            out.append(f"| {change} | " + ", ".join(f"{m} {c}/{t}" for m, c, t in ks) + " |")
    return "\n".join(out), share


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("table")
    t.add_argument("summary")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--label-a", default="run A")
    c.add_argument("--label-b", default="run B")
    args = p.parse_args()
    if args.cmd == "table":
        print(table(load(args.summary)))
    else:
        text, _ = compare(load(args.a), load(args.b), args.label_a, args.label_b)
        print(text)


if __name__ == "__main__":
    main()
