#!/usr/bin/env python3
"""Verb lemma frequencies of the bulk corpus by qalsadi, estimated from a seeded random sample of articles.

Every Arabic word of N random articles (seeded) goes through qalsadi's lemmatizer (see qal.py); the lemmas of
the words it tags as verbs are counted (without harakat), scaled to the whole corpus (65,832 articles) and
written to data/sources/verb_lemmas_qalsadi.tsv as lemma<TAB>estimated_corpus_count<TAB>sample_count, sorted by
count, lemmas with an estimated count of at least --min (30) only, under a comment line saying how it was made.

    .venv/bin/python freq.py [--n 3000] [--seed 20261125] [--min 30] [--lemma lemmatizer|freq] [--out PATH]

--lemma freq counts the third lemma of qal.Qalsadi.analyse (the most frequent verb reading in qalsadi's
frequency table) instead of the lemmatizer's.
"""
import argparse
import collections
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import qal  # noqa: E402

root = os.path.abspath(os.path.join(here, "..", "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--min", type=float, default=30)
    ap.add_argument("--lemma", choices=["lemmatizer", "freq"], default="lemmatizer")
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "bulk", "articles.jsonl.gz"))
    ap.add_argument("--out", default=os.path.join(root, "data", "sources", "verb_lemmas_qalsadi.tsv"))
    a = ap.parse_args()

    t0 = time.perf_counter()
    arts = qal.load_articles(a.corpus)
    total = len(arts)
    if total != qal.CORPUS_ARTICLES:
        print("note: corpus has %d articles, not %d" % (total, qal.CORPUS_ARTICLES), file=sys.stderr)
    picked = qal.shuffled(total, a.seed)[: a.n]
    q = qal.Qalsadi()
    counts = collections.Counter()
    words = verbs = 0
    for k, i in enumerate(picked, 1):
        for w in qal.words(arts[i]["text"]):
            words += 1
            lemma, pos, freq_lemma = q.analyse(w)
            if pos == "verb":
                verbs += 1
                counts[freq_lemma if a.lemma == "freq" else lemma] += 1
        if k % 500 == 0:
            print(
                "  %d articles, %d words, %d distinct analysed, %.0f s" % (k, words, q.calls, q.seconds),
                file=sys.stderr,
            )
    n = len(picked)
    scale = total / n
    rows = [(lem, c * scale, c) for lem, c in counts.items() if c * scale >= a.min]
    rows.sort(key=lambda r: (-r[2], r[0]))
    how = {
        "lemmatizer": "Lemmatizer().lemmatize(word, return_pos=True), pos verb",
        "freq": "Lemmatizer().lemmatize(word, return_pos=True) pos verb, lemma = the verb reading most frequent "
        "in qalsadi's frequency table",
    }[a.lemma]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(
            "# lemma<TAB>estimated_corpus_count<TAB>sample_count: verb lemmas (harakat stripped) of qalsadi %s "
            "(%s) over every Arabic word of %d articles drawn at random (seed %d, Python random.shuffle) from "
            "../shared/corpus/bulk (%d articles, %d words, %d verb tokens); counts x %.3f, estimated >= %g kept; "
            "made by bench/peers/morph/freq.py. A word is a verb only when qalsadi has no noun or stop-word "
            "reading for it, so ambiguous forms («وقال», «يتم», «كان») are missing and some nouns are in.\n"
            % (qal.qalsadi_version(), how, n, a.seed, total, words, verbs, scale, a.min)
        )
        for lem, est, c in rows:
            f.write("%s\t%d\t%d\n" % (lem, round(est), c))
    dt = time.perf_counter() - t0
    print(
        "%d articles, %d words, %d verb tokens, %d verb lemmas (%d kept, estimated >= %g); %d distinct words "
        "analysed in %.1f s of qalsadi (%.0f words/s uncached, %.0f tokens/s with the memo); %.1f s in all -> %s"
        % (
            n,
            words,
            verbs,
            len(counts),
            len(rows),
            a.min,
            q.calls,
            q.seconds,
            q.calls / max(q.seconds, 1e-9),
            words / max(q.seconds, 1e-9),
            dt,
            a.out,
        ),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
