"""Token-level precision and recall of extracted texts against the known body texts, next to
the speed lines of the tools, as one table.

usage: compare.py TRUTH_DIR SPEED_JSONL OUT_DIR...   (the N-th speed line is the N-th OUT_DIR's tool;
the first is rasd, against which the speed-up column is computed)

Tokens are words (runs of letters and digits, Unicode-aware); precision = shared tokens /
extracted tokens, recall = shared tokens / body tokens, counted with multiplicity and summed
over all pages (micro-average). A page whose extraction is empty counts its body as missed.
"""
import json
import os
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(path):
    try:
        with open(path, encoding="utf-8") as f:
            return Counter(TOKEN.findall(f.read()))
    except FileNotFoundError:
        return Counter()


def score(truth_dir, out_dir):
    shared = extracted = body = 0
    exact = pages = 0
    for name in sorted(os.listdir(truth_dir)):
        t = tokens(os.path.join(truth_dir, name))
        e = tokens(os.path.join(out_dir, name))
        shared += sum((t & e).values())
        extracted += sum(e.values())
        body += sum(t.values())
        exact += t == e
        pages += 1
    p = shared / extracted if extracted else 0.0
    r = shared / body if body else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, exact, pages


def main():
    truth_dir, speed_file = sys.argv[1], sys.argv[2]
    with open(speed_file, encoding="utf-8") as f:
        speeds = [json.loads(line) for line in f if line.strip()]
    rows = []
    for s, out_dir in zip(speeds, sys.argv[3:]):
        p, r, f1, exact, pages = score(truth_dir, out_dir)
        rows.append((s["tool"], s["pages_per_s"], s["mb_per_s"], p, r, f1, exact, pages))
    base = rows[0][1] if rows else 0.0
    print(f"{'tool':<28} {'pages/s':>9} {'MB/s':>7} {'rasd is':>8} {'precision':>9} {'recall':>7} {'F1':>6} {'exact':>7}")
    for tool, pps, mbs, p, r, f1, exact, pages in rows:
        ratio = base / pps if pps else 0.0
        print(f"{tool:<28} {pps:>9.1f} {mbs:>7.2f} {ratio:>7.1f}x {p:>9.4f} {r:>7.4f} {f1:>6.4f} {exact:>3}/{pages:<3}")


if __name__ == "__main__":
    main()
