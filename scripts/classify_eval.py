#!/usr/bin/env python3
"""Scores smtpreply.classify() on the labelled real replies of
tests/data/labelled_replies.tsv: per-reason precision and recall, overall
accuracy, and the rows it gets wrong.

    python scripts/classify_eval.py                      # Markdown table
    python scripts/classify_eval.py --json               # machine-readable
    python scripts/classify_eval.py --min-accuracy 0.95 --min-examples 3   # exit 1 below the floors

Needs the smtpreply package importable (pip install . or an editable install).
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

DATA = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_replies.tsv"


def load(path: pathlib.Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise SystemExit(f"{path}:{n}: expected 4 tab-separated columns, got {len(cols)}")
        expected, command, text, source = cols
        rows.append({"line": n, "expected": expected, "command": command, "text": text, "source": source})
    return rows


def evaluate(rows: list[dict]) -> dict:
    import smtpreply

    reasons = [str(r) for r in smtpreply.Reason]
    tp: collections.Counter = collections.Counter()
    fp: collections.Counter = collections.Counter()
    fn: collections.Counter = collections.Counter()
    support: collections.Counter = collections.Counter()
    wrong = []
    for row in rows:
        if row["expected"] not in reasons:
            raise SystemExit(f"line {row['line']}: unknown reason id {row['expected']!r}")
        command = None if row["command"] == "-" else smtpreply.Command[row["command"].upper()]
        got = smtpreply.classify(row["text"], command=command)
        predicted = str(got.reason)
        support[row["expected"]] += 1
        if predicted == row["expected"]:
            tp[predicted] += 1
        else:
            fp[predicted] += 1
            fn[row["expected"]] += 1
            wrong.append({**row, "predicted": predicted, "rule": got.rule.id})
    table = []
    for r in reasons:
        p_den = tp[r] + fp[r]
        r_den = tp[r] + fn[r]
        table.append({
            "reason": r,
            "examples": support[r],
            "precision": tp[r] / p_den if p_den else None,
            "recall": tp[r] / r_den if r_den else None,
        })
    right = sum(tp.values())
    return {"rows": len(rows), "correct": right, "accuracy": right / len(rows) if rows else 0.0,
            "per_reason": table, "wrong": wrong}


def fmt(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min-accuracy", type=float, default=0.0)
    ap.add_argument("--min-examples", type=int, default=0, help="every reason needs at least this many examples")
    args = ap.parse_args(argv)
    result = evaluate(load(args.data))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{result['correct']}/{result['rows']} correct, accuracy {result['accuracy']:.3f}\n")
        print("| reason | examples | precision | recall |")
        print("|---|---:|---:|---:|")
        for t in result["per_reason"]:
            print(f"| {t['reason']} | {t['examples']} | {fmt(t['precision'])} | {fmt(t['recall'])} |")
        for w in result["wrong"]:
            print(f"\nline {w['line']}: expected {w['expected']}, got {w['predicted']} ({w['rule']}): {w['text']}")
    failed = False
    if result["accuracy"] < args.min_accuracy:
        print(f"accuracy {result['accuracy']:.3f} is below {args.min_accuracy}", file=sys.stderr)
        failed = True
    thin = [t["reason"] for t in result["per_reason"] if t["examples"] < args.min_examples]
    if thin:
        print(f"fewer than {args.min_examples} examples: {', '.join(thin)}", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `classify_eval.py | head`
        sys.exit(0)
