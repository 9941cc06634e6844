#!/usr/bin/env python3
"""rasd's verb lemmas against the hand-adjudicated sample (adjudicated.tsv, 400 tokens of verbs.tsv).

Usage (from the repository root): python3 bench/peers/morph/adjudicated_score.py [RASD_BIN]
Runs `rasd morph` on the sample's tokens now (not the lemmas recorded in the file when it was made)
and scores them against the correct lemmas, treating أ إ آ as ا and ى as ي; qalsadi's recorded
lemmas are scored the same way.
"""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
rasd = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("RASD_BIN", "target/release/rasd")
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(here, "adjudicated.tsv"), encoding="utf-8") if not l.startswith("#")]
hdr, rows = rows[0], rows[1:]
ix = {h: i for i, h in enumerate(hdr)}
toks = [r[ix["token"]] for r in rows]
out = subprocess.run([rasd, "morph"], input="\n".join(toks) + "\n", capture_output=True, text=True, check=True).stdout.splitlines()

def norm(s):
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي")):
        s = s.replace(a, b)
    return s

tot = ok = lex = lex_ok = q_ok = qf_ok = none = 0
for r, o in zip(rows, out):
    c = r[ix["correct_lemma"]]
    if c == "notverb":
        continue
    f = o.split("\t")
    tot += 1
    good = norm(f[1]) == norm(c)
    ok += good
    none += f[1] == "-"
    if f[4] == "1":
        lex += 1
        lex_ok += good
    q_ok += norm(r[ix["qalsadi_lemma"]]) == norm(c)
    qf_ok += norm(r[ix["qalsadi_freq_lemma"]]) == norm(c)
print(f"verb rows {tot}: rasd {ok}/{tot} ({ok/tot:.1%}); rasd on its lexicon's lemmas {lex_ok}/{lex} ({lex_ok/max(lex,1):.1%}); "
      f"no analysis {none}; qalsadi lemmatizer {q_ok}/{tot} ({q_ok/tot:.1%}); qalsadi most frequent reading {qf_ok}/{tot} ({qf_ok/tot:.1%})")
