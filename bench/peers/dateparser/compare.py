#!/usr/bin/env python3
"""rasd's time engine and dateparser side by side, on the same expressions and the same corpus.

Usage: compare.py RASD_BINARY [--cases crates/time/tests/cases.tsv] [--corpus ../shared/corpus] [--gold ../shared/gold]

1. The expressions: every row of crates/time/tests/cases.tsv (the table the Rust tests check), grouped by heading.
   Both tools get the row's text and its anchor (dateparser: RELATIVE_BASE; with no anchor it uses today).
   rasd is right when the values it gives are exactly the expected ones (`?` — an expression with no value — and
   "no expression" both mean "no date"). dateparser is scored leniently: each date it returns is compared at the
   grain of the expected value (the day; the month; the year; or falling within a range), a range may be matched by
   its two ends, and consecutive dates that agree with the same expected value count once («اليوم (الأربعاء)»).
2. The corpus: the texts of seeds/ and dev/ (texts only) with their manifest's publication date as the anchor. The
   accuracy is the share of the gold events' dates (headline and also, ../shared/gold) that are among the dates a
   tool gives for the text (compared at the gold date's grain, for both tools).
3. Speed: the engine's own time — rasd `when --batch` reports the best of several rounds in process (datelines
   and expressions, no reading or printing); dateparser is timed around its `search_dates` calls after a warm-up,
   best of --dp-rounds passes.
"""
import argparse
import calendar
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from datetime import date, datetime

import dateparser
from dateparser.search import search_dates


# ---------------------------------------------------------------- values and scoring
def first_last(v):
    """The first and last day a value (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `a/b`) covers."""
    if "/" in v:
        a, b = v.split("/", 1)
        return first_last(a)[0], first_last(b)[1]
    p = [int(x) for x in v.split("-")]
    if len(p) == 3:
        d = date(*p)
        return d, d
    if len(p) == 2:
        return date(p[0], p[1], 1), date(p[0], p[1], calendar.monthrange(p[0], p[1])[1])
    return date(p[0], 1, 1), date(p[0], 12, 31)


def at_grain(d, v):
    """Does the datetime `d` agree with the value `v` at `v`'s grain?"""
    lo, hi = first_last(v)
    return lo <= d <= hi


def expected_values(want):
    return [w for w in (x.strip() for x in want.split(" | ")) if w and w != "?"] if want else []


def rasd_right(values, want):
    return values == expected_values(want)


def dateparser_right(dates, want):
    exp = expected_values(want)
    i = 0
    for e in exp:
        if i >= len(dates) or not at_grain(dates[i], e):
            return False
        i += 1
        # a range by its two ends, or the same value said twice in a row
        while i < len(dates) and at_grain(dates[i], e):
            i += 1
    return i == len(dates)


# ---------------------------------------------------------------- the tools
def run_rasd(binary, batch_path, rounds):
    """Returns ({id: [values]}, stats) from `rasd when --batch`."""
    p = subprocess.run(
        [binary, "when", "--batch", batch_path, "--repeat", str(rounds)],
        capture_output=True, text=True, check=True,
    )
    out = {}
    for line in p.stdout.splitlines():
        r = json.loads(line)
        vals = []
        for e in r["exprs"]:
            v = e["value"]
            if v is None:
                continue
            vals.append(v if isinstance(v, str) else f'{v["from"]}/{v["to"]}')
        out[r["id"]] = vals
    stats = json.loads(p.stderr.strip().splitlines()[-1])
    return out, stats


def run_dateparser(text, anchor):
    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if anchor:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time())
    try:
        r = search_dates(text, languages=["ar"], settings=settings) or []
    except Exception:  # a tool's crash is a miss, not the end of the comparison
        r = []
    return [dt.date() for _, dt in r]


# ---------------------------------------------------------------- inputs
def read_cases(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            h, anchor, kind, text, want = line.split("\t")
            a = None if anchor == "-" else date.fromisoformat(anchor)
            rows.append(dict(id=str(n), heading=h, anchor=a, kind=kind, text=text, want=want))
    return rows


def read_corpus(root, gold_dir):
    docs = []
    for part in ("seeds", "dev"):
        d = os.path.join(root, part)
        manifest = {}
        with open(os.path.join(d, "manifest.jsonl"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    m = json.loads(line)
                    manifest[m["file"]] = m
        gold = {}
        gp = os.path.join(gold_dir, part + ".json")
        if os.path.exists(gp):
            with open(gp, encoding="utf-8") as f:
                for g in json.load(f)["documents"]:
                    evs = ([g["headline"]] if g.get("headline") else []) + (g.get("also") or [])
                    gold[g["file"]] = [e["date"] for e in evs if e.get("date")]
        for name in sorted(manifest):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                text = f.read()
            pub = manifest[name].get("published")
            docs.append(dict(
                id=f"{part}/{name}", text=text,
                anchor=date.fromisoformat(pub[:10]) if pub else None,
                gold=gold.get(name, []),
            ))
    return docs


# ---------------------------------------------------------------- main
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rasd")
    ap.add_argument("--cases", default=os.path.join(repo, "crates/time/tests/cases.tsv"))
    ap.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus"))
    ap.add_argument("--gold", default=os.path.join(repo, "..", "shared", "gold"))
    ap.add_argument("--rounds", type=int, default=50, help="rounds of rasd over each batch (best is kept)")
    ap.add_argument("--dp-rounds", type=int, default=3, help="rounds of dateparser (best is kept)")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses of each tool per heading")
    args = ap.parse_args()

    cases = read_cases(args.cases)
    tmp = tempfile.mkdtemp(prefix="rasd-vs-dateparser-")

    # ---- expressions
    rasd_vals, rasd_stats = run_rasd(args.rasd, args.cases, args.rounds)
    search_dates("وصل الوفد أمس", languages=["ar"])  # warm-up: language data loads once
    dp_time = float("inf")
    dp_vals = {}
    for _ in range(args.dp_rounds):
        spent = 0.0
        for c in cases:
            t = time.perf_counter()
            dp_vals[c["id"]] = run_dateparser(c["text"], c["anchor"])
            spent += time.perf_counter() - t
        dp_time = min(dp_time, spent)

    per = OrderedDict()
    misses = {}
    for c in cases:
        h = per.setdefault(c["heading"], [0, 0, 0])
        h[0] += 1
        r_ok = rasd_right(rasd_vals.get(c["id"], []), c["want"])
        d_ok = dateparser_right(dp_vals[c["id"]], c["want"])
        h[1] += r_ok
        h[2] += d_ok
        if not r_ok:
            misses.setdefault(("rasd", c["heading"]), []).append((c, rasd_vals.get(c["id"], [])))
        if not d_ok:
            misses.setdefault(("dateparser", c["heading"]), []).append(
                (c, [d.isoformat() for d in dp_vals[c["id"]]]))

    n = len(cases)
    nbytes = sum(len(c["text"].encode()) for c in cases)
    print(f"rasd {args.rasd} vs dateparser {dateparser.__version__} (search_dates, languages=['ar'], "
          f"RELATIVE_BASE = the anchor)\n")
    print(f"## Expressions: {n} cases of {os.path.relpath(args.cases, repo)}\n")
    print("| heading | cases | rasd | dateparser |")
    print("|---|---:|---:|---:|")
    tot_r = tot_d = 0
    for h, (k, r, d) in per.items():
        tot_r += r
        tot_d += d
        flag = "" if r > d or (r == d == k) else " ⚠"
        print(f"| {h} | {k} | {r} ({100 * r / k:.0f}%) | {d} ({100 * d / k:.0f}%){flag} |")
    print(f"| **all** | {n} | {tot_r} ({100 * tot_r / n:.1f}%) | {tot_d} ({100 * tot_d / n:.1f}%) |\n")

    r_secs = max(rasd_stats["seconds"], 1e-9)
    print("| speed on the expressions | rasd | dateparser | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| expressions/s | {n / r_secs:,.0f} | {n / dp_time:,.0f} | {dp_time / r_secs:,.0f}× |")
    print(f"| MB/s | {nbytes / 1e6 / r_secs:.2f} | {nbytes / 1e6 / dp_time:.4f} | |")
    print(f"| total time | {1e3 * r_secs:.2f} ms | {1e3 * dp_time:.0f} ms | |\n")

    # ---- corpus
    if os.path.isdir(args.corpus):
        docs = read_corpus(args.corpus, args.gold)
        batch = os.path.join(tmp, "corpus.jsonl")
        with open(batch, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(dict(id=d["id"], text=d["text"],
                                        anchor=d["anchor"].isoformat() if d["anchor"] else "-",
                                        anchor_kind="published"), ensure_ascii=False) + "\n")
        c_rasd, c_stats = run_rasd(args.rasd, batch, args.rounds)
        c_dp_time = float("inf")
        c_dp = {}
        for _ in range(args.dp_rounds):
            spent = 0.0
            for d in docs:
                t = time.perf_counter()
                c_dp[d["id"]] = run_dateparser(d["text"], d["anchor"])
                spent += time.perf_counter() - t
            c_dp_time = min(c_dp_time, spent)
        g_all = g_r = g_d = 0
        n_r = n_d = 0
        for d in docs:
            rv = c_rasd.get(d["id"], [])
            dv = c_dp[d["id"]]
            n_r += len(rv)
            n_d += len(dv)
            for g in d["gold"]:
                g_all += 1
                lo, hi = first_last(g)
                g_r += any(lo <= first_last(v)[0] and first_last(v)[1] <= hi for v in rv)
                g_d += any(at_grain(x, g) for x in dv)
        cb = sum(len(d["text"].encode()) for d in docs)
        cr = max(c_stats["seconds"], 1e-9)
        print(f"## Corpus: {len(docs)} texts of seeds/ and dev/ ({cb / 1e3:.0f} kB), "
              f"anchored on their publication dates\n")
        print("| | rasd | dateparser |")
        print("|---|---:|---:|")
        print(f"| gold event dates found among the tool's dates | {g_r}/{g_all} | {g_d}/{g_all} |")
        print(f"| dates given | {n_r} | {n_d} |")
        print(f"| texts/s | {len(docs) / cr:,.0f} | {len(docs) / c_dp_time:,.1f} |")
        print(f"| MB/s | {cb / 1e6 / cr:.2f} | {cb / 1e6 / c_dp_time:.4f} |")
        print(f"| ratio | {c_dp_time / cr:,.0f}× | |\n")
    else:
        print(f"(no corpus at {args.corpus}: skipped)\n")

    if args.show:
        for (tool, h), ms in sorted(misses.items()):
            print(f"### {tool} misses: {h} ({len(ms)})")
            for c, got in ms[: args.show]:
                print(f"- [{c['kind']} {c['anchor']}] «{c['text']}» want {c['want'] or '∅'}, got {got}")
            print()


if __name__ == "__main__":
    sys.exit(main())
