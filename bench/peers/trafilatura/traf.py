"""Time trafilatura's main-text extraction on the same pages as rasd's html_bench.

usage: traf.py PAGES_DIR OUT_DIR [SECONDS] [--fast]

Writes each page's extracted text to OUT_DIR/NAME.txt, then extracts all pages again and again
for at least SECONDS (default 3) on one thread and prints one JSON line like html_bench's.
Settings: comments and tables excluded from the main text? comments excluded (they are not the
article), tables kept (the default); --fast turns off trafilatura's fallback extractors.
"""
import json
import os
import sys
import time

import trafilatura


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    fast = "--fast" in sys.argv
    pages_dir, out_dir = args[0], args[1]
    seconds = float(args[2]) if len(args) > 2 else 3.0
    pages = []
    for name in sorted(os.listdir(pages_dir)):
        if name.endswith(".html"):
            with open(os.path.join(pages_dir, name), "rb") as f:
                pages.append((name[:-5], f.read()))
    os.makedirs(out_dir, exist_ok=True)

    def run(b):
        return trafilatura.extract(b, include_comments=False, fast=fast, deduplicate=False) or ""

    for name, b in pages:
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(run(b))
    n = nbytes = chars = 0
    per_round = sum(len(b) for _, b in pages)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds or n == 0:
        for _, b in pages:
            chars += len(run(b))
            n += 1
        nbytes += per_round
    s = time.perf_counter() - t0
    tool = "trafilatura " + trafilatura.__version__ + (" (fast)" if fast else "")
    print(json.dumps({"tool": tool, "pages": n, "bytes": nbytes, "seconds": round(s, 3),
                      "pages_per_s": round(n / s, 1), "mb_per_s": round(nbytes / s / 1e6, 2)}))


if __name__ == "__main__":
    main()
