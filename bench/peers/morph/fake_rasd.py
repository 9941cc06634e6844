#!/usr/bin/env python3
"""A stand-in for `rasd morph`, to test run.sh and compare.py before rasd has the command.

    RASD_BIN=bench/peers/morph/fake_rasd.py bench/peers/morph/run.sh     (perturbed, see below)
    FAKE_RASD=echo RASD_BIN=bench/peers/morph/fake_rasd.py bench/peers/morph/run.sh

Reads words on stdin, one a line, and prints word<TAB>lemma<TAB>pos<TAB>lex for each, like `rasd morph`.
The lemma is qalsadi's from verbs.tsv (beside this file). FAKE_RASD=echo prints it unchanged (everything must
agree); otherwise, deterministically by line number, some lemmas are changed to exercise every kind of
disagreement: '-' (no analysis), hamza/alef spelling, ى/ي, a derived form (أ added or removed), a weak
radical, qalsadi's most frequent verb reading, and an unrelated lemma. lex is 1 on two lines in three.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))


def perturb(i, lemma, freq_lemma):
    k = i % 23
    if k == 0:
        return "-"
    if k == 1:
        return lemma.replace("ا", "أ", 1) if "ا" in lemma else "أ" + lemma
    if k == 2:
        return lemma[:-1] + "ي" if lemma.endswith("ى") else lemma[:-1] + "ى" if lemma.endswith("ي") else lemma
    if k == 3:
        return lemma[1:] if lemma.startswith(("أ", "ا")) else "أ" + lemma
    if k == 4:
        return lemma.replace("ا", "و", 1) if len(lemma) == 3 and lemma[1] == "ا" else lemma
    if k == 5:
        return freq_lemma or lemma
    if k == 6:
        return "كتب" if lemma != "كتب" else "درس"
    return lemma


def main():
    if sys.argv[1:2] != ["morph"]:
        sys.exit("usage: fake_rasd.py morph < words")
    echo = os.environ.get("FAKE_RASD") == "echo"
    lemmas = {}
    with open(os.path.join(here, "verbs.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            lemmas.setdefault(cols[0], (cols[1], cols[2] if len(cols) > 2 else ""))
    out = sys.stdout
    for i, line in enumerate(sys.stdin):
        word = line.rstrip("\n")
        lemma, freq_lemma = lemmas.get(word, ("-", ""))
        if not echo:
            lemma = perturb(i, lemma, freq_lemma)
        pos = "-" if lemma == "-" else ("noun" if i % 17 == 0 else "verb")
        lex = "1" if lemma != "-" and i % 3 else "0"
        out.write("%s\t%s\t%s\t%s\n" % (word, lemma, pos, lex))


if __name__ == "__main__":
    main()
