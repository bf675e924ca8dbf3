#!/usr/bin/env python3
"""Turns smtpreply_bench's JSON output into the results table, a bar chart
and a headline line (used by scripts/bench.sh).

    python bench/report.py RESULTS.json --markdown OUT.md --png OUT.png

Each benchmark's fastest repetition counts (the machine is shared; the
fastest run is the one least disturbed). Ratios compare runs of one binary
in one session.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

CORPORA = ["mixed", "short", "long", "ehlo"]
OURS = ["strict", "lenient", "batch", "batch_lenient", "chunk1", "chunk16", "chunk512", "chunk4096", "feed1",
        "feed512", "line_parser", "enhanced", "catalog", "ehlo_view"]
# Rows that time work per reply on top of (or beside) parsing: no GB/s or ratios.
PER_ITEM = {"enhanced", "catalog", "ehlo_view"}
BASELINES = ["regex", "getline_stoi", "sscanf", "istringstream"]
PROXIES = ["memchr_split", "simd_split", "read_once"]
# The floor: split lines, hand out each reply's code, validate nothing. Every
# smtpreply row's "x floor" is its time over the floor's on the same corpus.
FLOOR = "floor"
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(path: Path) -> tuple[dict, dict[str, dict]]:
    """Best (lowest CPU time) repetition of every benchmark, by name."""
    data = json.loads(path.read_text())
    best: dict[str, dict] = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
            continue
        if "items" not in b:  # rows timed per call, not per corpus (classify/typical_2_line)
            continue
        name = b.get("run_name", b["name"]).split("/min_time")[0].split("/iterations")[0]
        ns = b["cpu_time"] * TO_NS[b.get("time_unit", "ns")]
        if name not in best or ns < best[name]["ns"]:
            best[name] = {"ns": ns, "items": b["items"], "bytes_per_second": b["bytes_per_second"]}
    return data["context"], best


def cpu_model() -> str:
    """lscpu's model name, with family and model when the name is vague (VMs)."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown CPU"
    info = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
    name = info.get("Model name", "unknown CPU")
    if "CPU family" in info and "Model" in info:
        name += f" (family {info['CPU family']}, model {info['Model']})"
    return name


def table(best: dict[str, dict]) -> list[list[str]]:
    rows = []
    for corpus in CORPORA:
        proxies = {p: best[f"{corpus}/{p}"] for p in PROXIES if f"{corpus}/{p}" in best}
        top = max(proxies.values(), key=lambda r: r["bytes_per_second"]) if proxies else None
        floor = best.get(f"{corpus}/{FLOOR}")
        for parser in [*OURS, FLOOR, *BASELINES, *PROXIES]:
            r = best.get(f"{corpus}/{parser}")
            if r is None:
                continue
            per_reply = r["ns"] / r["items"]
            gbps = "-" if parser in PER_ITEM else f"{r['bytes_per_second'] / 1e9:.2f}"
            of_best = "-" if top is None or parser in PER_ITEM else \
                f"{100 * r['bytes_per_second'] / top['bytes_per_second']:.0f}%"
            x_floor = "-" if floor is None or parser in PER_ITEM else f"{r['ns'] / floor['ns']:.2f}x"
            row = [corpus, parser, f"{per_reply:.1f}", gbps, x_floor, of_best]
            for base in BASELINES:
                b = best.get(f"{corpus}/{base}")
                row.append("-" if b is None or parser in PER_ITEM else f"{b['ns'] / r['ns']:.1f}x")
            rows.append(row)
    return rows


def markdown(rows: list[list[str]]) -> str:
    head = ["corpus", "parser", "ns/reply", "GB/s", "x floor", "of best limit"] + [f"vs {b}" for b in BASELINES]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def plain(rows: list[list[str]]) -> str:
    head = ["corpus", "parser", "ns/reply", "GB/s", "x floor", "%best", "x regex", "x getline", "x sscanf", "x istream"]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]

    def fmt(row: list[str]) -> str:
        return "  ".join(x.rjust(w) if i > 1 else x.ljust(w) for i, (x, w) in enumerate(zip(row, widths)))

    return "\n".join([fmt(head)] + [fmt(r) for r in rows])


def ratio(best: dict[str, dict], a: str, b: str) -> float | None:
    """How many times faster a is than b (time of b / time of a)."""
    if a not in best or b not in best:
        return None
    return best[b]["ns"] / best[a]["ns"]


def headline(best: dict[str, dict]) -> str:
    """Per corpus: each smtpreply row's time as a multiple of the floor's,
    the README's socket loop on 512-byte reads against the batch API on the
    whole buffer (the same replies); then feed() one byte at a time, at
    several input sizes (linear: the same cost per byte)."""
    parts = []
    for corpus in CORPORA:
        ratios = []
        for parser in ["strict", "batch"]:
            r = ratio(best, f"{corpus}/{FLOOR}", f"{corpus}/{parser}")
            if r is not None:
                ratios.append(f"{parser} {r:.2f}x floor")
        c = ratio(best, f"{corpus}/batch", f"{corpus}/chunk512")
        if c is not None:
            ratios.append(f"chunk512 {c:.2f}x whole")
        if ratios:
            parts.append(f"{corpus}: " + ", ".join(ratios))
    x = ratio(best, "mixed/strict", "mixed/istringstream")
    if x is not None:
        parts.append(f"mixed strict {x:.0f}x istringstream")
    per_byte = []
    sizes = sorted((n for n in best if n.startswith("mixed") and n.endswith("/feed1")),
                   key=lambda n: best[n]["ns"] * best[n]["bytes_per_second"])  # bytes per iteration
    for name in sizes:
        per_byte.append(f"{1e9 / best[name]['bytes_per_second']:.2f}")
    if per_byte:
        parts.append("1-byte feed() " + "/".join(per_byte) + " ns per byte (small to large input)")
    return "; ".join(parts)


def chart(best: dict[str, dict], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = ["batch", "strict", "chunk512", "line_parser", "istringstream", "getline_stoi", "sscanf", "regex",
             "floor", "memchr_split", "simd_split", "read_once"]
    colors = ["#0b3d7a", "#1f5fa8", "#4f8fd8", "#8fbfef", "#b04040", "#d07050", "#e0a060", "#f0d080",
              "#303030", "#606060", "#909090", "#c0c0c0"]
    ours = {"batch", "strict", "chunk512", "line_parser"}
    fig, ax = plt.subplots(figsize=(9, 4.6), dpi=90)
    width = 0.8 / len(shown)
    for i, (parser, color) in enumerate(zip(shown, colors)):
        xs, ys = [], []
        for j, corpus in enumerate(CORPORA):
            r = best.get(f"{corpus}/{parser}")
            if r is not None:
                xs.append(j + (i - len(shown) / 2 + 0.5) * width)
                ys.append(r["bytes_per_second"] / 1e9)
        ax.bar(xs, ys, width, label=parser, color=color)
        if parser in ours:  # each smtpreply bar carries its time as a multiple of the floor's
            for j, corpus in enumerate(CORPORA):
                r = ratio(best, f"{corpus}/{FLOOR}", f"{corpus}/{parser}")
                if r is not None:
                    x = j + (i - len(shown) / 2 + 0.5) * width
                    y = best[f"{corpus}/{parser}"]["bytes_per_second"] / 1e9
                    ax.text(x, y * 1.05, f"{r:.1f}x", ha="center", va="bottom", fontsize=5, rotation=90)
    ax.set_yscale("log")
    ax.set_xticks(range(len(CORPORA)), CORPORA)
    ax.set_ylabel("GB/s (log scale); smtpreply bars: time x floor")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", type=Path)
    ap.add_argument("--markdown", type=Path)
    ap.add_argument("--png", type=Path)
    args = ap.parse_args()
    context, best = load(args.results)
    if not best:
        print("no benchmark results", file=sys.stderr)
        return 1
    rows = table(best)
    machine = f"{cpu_model()}, {context.get('num_cpus', '?')} CPUs; {context.get('compiler', '?')}; " \
              f"SIMD {context.get('simd', '?')}"
    line = headline(best)
    print(plain(rows))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(
            f"Machine: {machine}. Fastest of the repetitions, CPU time.\n\n{markdown(rows)}\n\n{line}\n")
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        chart(best, args.png, f"smtpreply vs baselines and limits ({machine})")
    print(f"machine: {machine}")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
