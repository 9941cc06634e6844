"""Turn an article-extraction benchmark checkout (html/*.html.gz and ground-truth.json with an
`articleBody` per page, as in the public "article-extraction-benchmark" of 181 real pages) into
OUT/pages/NAME.html and OUT/truth/NAME.txt for run.sh --real OUT.

usage: prep_real.py BENCHMARK_DIR OUT
"""
import gzip
import json
import os
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(src, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    os.makedirs(os.path.join(out, "truth"), exist_ok=True)
    n = 0
    for name, item in truth.items():
        path = os.path.join(src, "html", name + ".html.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rb") as f:
            html = f.read()
        with open(os.path.join(out, "pages", name + ".html"), "wb") as f:
            f.write(html)
        with open(os.path.join(out, "truth", name + ".txt"), "w", encoding="utf-8") as f:
            f.write(item.get("articleBody") or "")
        n += 1
    print(f"prep_real: {n} pages in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
