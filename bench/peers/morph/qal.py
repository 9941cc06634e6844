"""Shared helpers for sample.py and freq.py: the bulk corpus, an Arabic word tokeniser, and qalsadi's
lemmatizer behind a per-word memo.

qalsadi's lemmatizer is context-free as used here (Lemmatizer() leaves Analex's tag guessing and
disambiguation off), so analysing each distinct word once gives exactly what lemmatize_text would give
for it inside its text; the memo only saves time. A word's part of speech is the one the lemmatizer
returns with return_pos=True. That choice prefers a stop-word reading, then a noun reading, then a verb
reading: a word is a verb only when qalsadi finds no noun or stop-word reading for it (so «وقال»,
«يتم», «أسفر», whose forms can also be read as nouns, come out as nouns, and «كان» as a stop word).
The lemma is the lemmatizer's own choice for that part of speech, with harakat and shadda stripped.
"""
import contextlib
import gzip
import io
import json
import random
import re
import time

import pyarabic.araby as araby
import qalsadi
import qalsadi.lemmatizer

CORPUS_ARTICLES = 65832

# Runs of Arabic letters (hamza .. yeh, tatweel) and harakat; digits, Latin and punctuation split words.
WORD = re.compile("[\u0621-\u063a\u0640-\u064a\u064b-\u0652\u0670]+")
HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")


def qalsadi_version():
    try:
        from importlib.metadata import version

        return version("qalsadi")
    except Exception:  # pragma: no cover
        return getattr(qalsadi, "__version__", "?")


def words(text):
    """The Arabic words of a text, in order (a word holding only marks or tatweel is dropped)."""
    return [w for w in WORD.findall(text) if HARAKAT.sub("", w)]


def unvocalise(s):
    return araby.strip_tatweel(araby.strip_tashkeel(s))


def load_articles(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shuffled(n, seed):
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


class Qalsadi:
    """qalsadi's Lemmatizer with return_pos=True, one analysis per distinct word."""

    def __init__(self):
        self.lemmer = qalsadi.lemmatizer.Lemmatizer()
        self.memo = {}
        self.calls = 0  # distinct words analysed
        self.seconds = 0.0  # time spent inside qalsadi

    def analyse(self, word):
        """(lemma, pos, freq_lemma) for a word, lemmas without harakat.

        lemma and pos are what Lemmatizer().lemmatize(word, return_pos=True) returns: pos is 'verb',
        'noun', 'stopword', 'pounct' or 'all' ('all' = no known reading, the word itself comes back).
        freq_lemma is, for a verb, the lemma of its verb reading with the highest frequency in qalsadi's
        own word-frequency table (the `freq` field of each analysis) instead of the lemmatizer's vote
        (it counts the distinct vocalised lemmas per unvocalised one, so «أعلنت» gets علن, not أعلن);
        for other parts of speech it is the lemma."""
        got = self.memo.get(word)
        if got is None:
            t = time.perf_counter()
            # arramooz prints "Fatal Error can't execute query" for some inputs; keep stdout clean.
            with contextlib.redirect_stdout(io.StringIO()):
                # = Lemmatizer.lemmatize(word, return_pos=True), keeping the analyses for freq_lemma
                cases = self.lemmer.analexer.check_text(word)
                nodes = self.lemmer.analyze(cases)
                res = nodes[0].get_lemma(return_pos=True) if nodes else ()
            if isinstance(res, tuple) and len(res) == 2:
                lemma, pos = res
            else:
                lemma, pos = word, "all"
            lemma = unvocalise(lemma)
            freq_lemma = lemma
            if pos == "verb" and cases:
                verbs = [c for c in cases[0] if c.is_verb()]
                if verbs:
                    best = max(int(c.get_freq() or 0) for c in verbs)
                    tops = sorted(set(unvocalise(c.get_lemma()) for c in verbs if int(c.get_freq() or 0) == best))
                    freq_lemma = lemma if lemma in tops else tops[0]
            self.seconds += time.perf_counter() - t
            self.calls += 1
            got = (lemma, pos, freq_lemma)
            self.memo[word] = got
        return got
