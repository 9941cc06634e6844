#!/usr/bin/env python3
"""Draw verb tokens from the bulk corpus with their qalsadi lemma: verbs.tsv
(token<TAB>qalsadi_lemma<TAB>qalsadi_freq_lemma).

Articles are taken in a seeded random order; each one's text is cut into Arabic words, and every word
that qalsadi's lemmatizer tags as a verb (see qal.py for what that means) is kept, in text order, with
its lemma without harakat (third column: the lemma of its verb reading that is most frequent in qalsadi's
word-frequency table, see qal.py), until N tokens are collected (the last article is cut off there). One row
per token occurrence; the same word can appear many times.

    .venv/bin/python sample.py [--n 6000] [--seed 20261124] [--corpus PATH] [--out verbs.tsv]
"""
import argparse
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import qal  # noqa: E402

root = os.path.abspath(os.path.join(here, "..", "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "bulk", "articles.jsonl.gz"))
    ap.add_argument("--out", default=os.path.join(here, "verbs.tsv"))
    a = ap.parse_args()

    t0 = time.perf_counter()
    arts = qal.load_articles(a.corpus)
    q = qal.Qalsadi()
    rows = []
    used = 0
    tokens = 0
    for i in qal.shuffled(len(arts), a.seed):
        used += 1
        for w in qal.words(arts[i]["text"]):
            tokens += 1
            lemma, pos, freq_lemma = q.analyse(w)
            if pos == "verb":
                rows.append((w, lemma, freq_lemma))
                if len(rows) >= a.n:
                    break
        if len(rows) >= a.n:
            break
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(
            "# token<TAB>qalsadi_lemma<TAB>qalsadi_freq_lemma: verb tokens of %d random bulk articles (seed %d, Python random.shuffle "
            "of the article order), tagged verb by qalsadi %s Lemmatizer().lemmatize(word, return_pos=True); "
            "lemmas without harakat, token as written; "
            "qalsadi_freq_lemma = lemma of the token's verb reading most frequent in qalsadi's frequency table. Made by bench/peers/morph/sample.py.\n"
            % (used, a.seed, qal.qalsadi_version())
        )
        for row in rows:
            f.write("\t".join(row) + "\n")
    dt = time.perf_counter() - t0
    print(
        "%d verb tokens (%d distinct) from %d articles, %d words (%.1f%% verbs); %d distinct words analysed "
        "in %.1f s of qalsadi (%.0f words/s uncached, %.0f tokens/s with the memo); %.1f s in all -> %s"
        % (
            len(rows),
            len(set(r[0] for r in rows)),
            used,
            tokens,
            100.0 * len(rows) / max(tokens, 1),
            q.calls,
            q.seconds,
            q.calls / max(q.seconds, 1e-9),
            tokens / max(q.seconds, 1e-9),
            dt,
            a.out,
        ),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
