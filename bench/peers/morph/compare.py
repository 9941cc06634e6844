#!/usr/bin/env python3
"""rasd's verb lemmas vs qalsadi's on the tokens of verbs.tsv.

    compare.py VERBS_TSV RASD_OUTPUT [--show N] [--lex-col auto|N]

VERBS_TSV: token<TAB>qalsadi_lemma[<TAB>qalsadi_freq_lemma] ('#' lines are comments), made by sample.py.
RASD_OUTPUT: what `rasd morph` printed for those tokens, one word a line in the same order:
word<TAB>lemma<TAB>pos<TAB>...<TAB>lex (lemma '-' = no analysis, pos verb/noun, lex 1 when the lemma
is in rasd's lexicon). lex is, with --lex-col auto (the default), the first column from the 4th on that
holds only 0 and 1 (`rasd morph` prints word, lemma, pos, tag, in-lexicon). The two are joined by line
order; a word column that differs from the token is reported (the run fails when more than 1% differ, or
when the line counts differ).

Agreement is reported raw (strings equal) and normalised (harakat and tatweel stripped, أ إ آ ٱ -> ا,
ى -> ي on both sides), over all tokens and over the tokens whose rasd lemma is in rasd's lexicon
(lex = 1); with a third column in VERBS_TSV also against that lemma (qalsadi's most frequent verb reading).
Disagreements (normalised) are grouped by kind, first match wins:

  rasd no analysis       rasd printed '-'
  hamza seat             the same but for the seat of a hamza (ؤكد / أكد, سئل / سأل)
  weak-root restoration  the lemmas differ by weak radicals only: a weak letter or hamza for another in the
                         same place (قال / قول, دعا / دعو), a first و/ي (وضع / ضع), a last weak letter
                         (دعا / دع), a weak or doubled letter added to a two-letter stem (قال / قل, مد / مدد)
  form confusion         the two lemmas are different derived forms of one root (أرسل / رسل, استقبل / قبل,
                         تحدث / حدث, اعتبر / عبر): they share a root under the verb-form templates I-X
  weak-root restoration  (also) the same letters once weak letters and hamza are dropped, when no template
                         relates them
  qalsadi clearly wrong  rasd's lemma is qalsadi's own most frequent verb reading of the token (3rd column),
                         or qalsadi's lemma ends in ة (a noun), or it has a consonant the token lacks while
                         rasd's consonants are all in the token; listed for a human to judge
  other                  the rest, listed too

and, among raw disagreements that normalisation removes, hamza/alef spelling only and ى/ي only.
"""
import argparse
import collections
import re
import sys

HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
WEAK = set("اويىءأإآؤئ")


def strip(s):
    return HARAKAT.sub("", s)


def norm(s):
    return strip(s).translate(ALEFS).replace("ى", "ي")


def alef_only(s):
    return strip(s).translate(ALEFS)


def yeh_only(s):
    return strip(s).replace("ى", "ي")


def roots(lemma):
    """Candidate roots (as strings of radicals) of a normalised verb lemma, under the derived-form
    templates: I/II فعل (and فعّل without the shadda), III فاعل, IV افعل, V تفعل, VI تفاعل, VII انفعل,
    VIII افتعل (with its assimilated variants اتّ اصط اضط ازد اطّ), IX افعلّ, X استفعل, quadriliterals and
    their تـ form. Hollow and doubled forms give two-letter candidates, which are also given with the
    missing letter restored (و ي or the doubled radical), so قال and أقال both give قول/قيل/قل."""
    w = lemma
    out = set()

    def add(r):
        if len(r) >= 2:
            out.add(r)
            if len(r) == 2:  # hollow or doubled
                out.add(r[0] + "و" + r[1])
                out.add(r[0] + "ي" + r[1])
                out.add(r + r[1])

    n = len(w)
    add(w)
    if n == 3 and w[1] == "ا":  # hollow I قال
        add(w[0] + w[2])
    if n == 3 and w[2] in "اي":  # defective I دعا رمى
        add(w[:2] + "و")
        add(w[:2] + "ي")
        add(w[:2])
    if n == 4 and w[1] == "ا":  # III فاعل
        add(w[0] + w[2:])
    if n >= 3 and w[0] == "ا":  # IV افعل / VIII / VII / X / IX
        add(w[1:])
        if w.startswith("است") and n >= 5:
            add(w[3:])
        if w.startswith("ان") and n >= 4:
            add(w[2:])
        if n >= 4 and w[2] == "ت":  # VIII افتعل
            add(w[1] + w[3:])
        if n >= 4 and w[2] in "طد" and w[1] in "صضطظزد":  # اصطبر اضطر ازدهر
            add(w[1] + w[3:])
        if w.startswith("ات") and n >= 4:  # اتصل اتخذ (و/ء assimilated)
            add("و" + w[2:])
            add("ا" + w[2:])
            add(w[2:])
    if w[0] == "ت" and n >= 4:  # V تفعل, VI تفاعل, quadriliteral تفعلل
        add(w[1:])
        if n >= 5 and w[2] == "ا":
            add(w[1] + w[3:])
    # the last weak letter of a defective derived form (اعطي / عطو)
    for r in list(out):
        if len(r) == 3 and r[2] in "اي":
            out.add(r[:2] + "و")
            out.add(r[:2] + "ي")
    return out


def skeleton(s):
    return "".join(c for c in norm(s) if c not in WEAK)


HAMZAS = str.maketrans({c: "ا" for c in "ءؤئ"})


def weak_restoration(a, b):
    """a and b (normalised) differ by weak radicals only: a weak letter for another in the same place
    (قال/قول, دعا/دعو), a first و/ي (وضع/ضع), a last weak letter (دعا/دع), a weak letter or a doubled
    last letter added to a two-letter stem (قال/قل, مدد/مد)."""
    if a == b:
        return False
    if len(a) == len(b):
        return all(x == y or (x in WEAK and y in WEAK) for x, y in zip(a, b))
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1:
        return False
    if long_[0] in "وي" and long_[1:] == short:
        return True
    if long_[-1] in "اويى" and long_[:-1] == short:
        return True
    if len(short) == 2:
        for i in range(len(long_)):
            if long_[:i] + long_[i + 1:] == short and (long_[i] in "اوي" or long_[i] == long_[i - 1]):
                return True
    return False


def consonants(s):
    return set(c for c in norm(s) if c not in WEAK and c != "ة")


def kind(token, q, r, qf):
    """Kind of a normalised disagreement between qalsadi's lemma q and rasd's r for token (qf: qalsadi's
    most frequent verb reading or None)."""
    if r == "-" or r == "":
        return "rasd no analysis"
    nq, nr = norm(q), norm(r)
    if nq.translate(HAMZAS) == nr.translate(HAMZAS):
        return "hamza seat"
    if weak_restoration(nq, nr):
        return "weak-root restoration"
    if roots(nq) & roots(nr):
        return "form confusion"
    if skeleton(nq) == skeleton(nr):
        return "weak-root restoration"
    tok = consonants(token)
    if (
        (qf is not None and norm(qf) == nr)
        or nq.endswith("ة")
        or (not consonants(nq) <= tok and consonants(nr) <= tok)
    ):
        return "qalsadi clearly wrong"
    return "other"


def read_verbs(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            rows.append((cols[0], cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else None))
    return rows


def read_rasd(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (3 - len(cols))
            rows.append(cols)
    return rows


def pct(a, b):
    return "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "0/0"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("verbs")
    ap.add_argument("rasd")
    ap.add_argument("--show", type=int, default=20, help="examples listed per kind (default 20)")
    ap.add_argument("--lex-col", default="auto", help="1-based column of the in-lexicon flag, or auto")
    a = ap.parse_args()

    verbs = read_verbs(a.verbs)
    rasd = read_rasd(a.rasd)
    if len(verbs) != len(rasd):
        sys.exit("error: %d tokens in %s but %d lines from rasd" % (len(verbs), a.verbs, len(rasd)))
    mismatched = [(i, v[0], r[0]) for i, (v, r) in enumerate(zip(verbs, rasd)) if strip(v[0]) != strip(r[0])]
    if mismatched:
        print("word column differs from the token on %d lines, e.g. %s" % (len(mismatched), mismatched[:5]))
        if len(mismatched) > len(verbs) / 100:
            sys.exit("error: the rasd output is not aligned with the tokens")

    if a.lex_col == "auto":
        width = max(len(r) for r in rasd) if rasd else 0
        lex_col = next(
            (c for c in range(3, width) if all(len(r) > c and r[c].strip() in ("0", "1") for r in rasd)), None
        )
    else:
        lex_col = int(a.lex_col) - 1
    n = len(verbs)
    have_freq = all(v[2] is not None for v in verbs)
    raw = normd = 0
    lex_n = lex_raw = lex_norm = 0
    freq_norm = lex_freq_norm = 0
    pos = collections.Counter()
    pos_agree = collections.Counter()
    analysed = 0
    raw_only = collections.Counter()
    kinds = collections.Counter()
    kinds_freq = collections.Counter()  # of which rasd = qalsadi's most frequent verb reading
    examples = collections.defaultdict(collections.Counter)
    for (tok, ql, qf), row in zip(verbs, rasd):
        rl, rpos = row[1].strip(), row[2].strip()
        pos[rpos or "?"] += 1
        lexical = lex_col is not None and len(row) > lex_col and row[lex_col].strip() == "1"
        if rl and rl != "-":
            analysed += 1
        ok_raw = strip(ql) == strip(rl)
        ok_norm = norm(ql) == norm(rl)
        ok_freq = qf is not None and norm(qf) == norm(rl)
        raw += ok_raw
        normd += ok_norm
        freq_norm += ok_freq
        if ok_norm:
            pos_agree[rpos or "?"] += 1
        if lexical:
            lex_n += 1
            lex_raw += ok_raw
            lex_norm += ok_norm
            lex_freq_norm += ok_freq
        if ok_norm and not ok_raw:
            a_eq = alef_only(ql) == alef_only(rl)
            y_eq = yeh_only(ql) == yeh_only(rl)
            k = "hamza/alef spelling only" if a_eq else "ى/ي only" if y_eq else "hamza/alef and ى/ي"
            raw_only[k] += 1
            examples[k][(tok, ql, rl)] += 1
        elif not ok_norm:
            k = kind(tok, ql, rl, qf)
            kinds[k] += 1
            if ok_freq:
                kinds_freq[k] += 1
            examples[k][(tok, ql, rl)] += 1

    print("tokens: %d (rasd gave a lemma for %s; rasd pos: %s; in-lexicon flag: %s)" % (
        n, pct(analysed, n), ", ".join("%s %d" % kv for kv in pos.most_common()),
        "column %d" % (lex_col + 1) if lex_col is not None else "none found"))
    print()
    print("lemma agreement with qalsadi         all tokens             rasd lemma in its lexicon (lex=1)")
    print("  raw (harakat stripped)             %-22s %s" % (pct(raw, n), pct(lex_raw, lex_n)))
    print("  normalised (أإآ->ا, ى->ي)          %-22s %s" % (pct(normd, n), pct(lex_norm, lex_n)))
    if have_freq:
        print("  normalised, vs qalsadi's most frequent verb reading (3rd column)")
        print("                                     %-22s %s" % (pct(freq_norm, n), pct(lex_freq_norm, lex_n)))
    if len(pos) > 1:
        print("  normalised, by rasd pos: %s" % ", ".join(
            "%s %s" % (p, pct(pos_agree[p], c)) for p, c in pos.most_common()))
    print()
    print("raw disagreements that normalisation removes: %d" % sum(raw_only.values()))
    for k in ("hamza/alef spelling only", "ى/ي only", "hamza/alef and ى/ي"):
        ex = ", ".join("%s %s/%s" % e for e, _ in examples[k].most_common(6))
        print("  %-28s %5d   %s" % (k, raw_only[k], ex))
    dis = n - normd
    print()
    print("normalised disagreements: %d (%.1f%% of tokens), by kind (token qalsadi/rasd, most frequent first):"
          % (dis, 100.0 * dis / n if n else 0))
    order = ["rasd no analysis", "hamza seat", "form confusion", "weak-root restoration", "qalsadi clearly wrong", "other"]
    for k in order:
        ex = examples[k].most_common()
        print("  %-24s %5d  (%.1f%% of disagreements, %d distinct%s)" % (
            k, kinds[k], 100.0 * kinds[k] / dis if dis else 0, len(ex),
            "; rasd = qalsadi's most frequent reading on %d" % kinds_freq[k] if have_freq else ""))
        show = a.show if k in ("qalsadi clearly wrong", "other") else min(a.show, 8)
        for (tok, ql, rl), c in ex[:show]:
            print("      %-14s qalsadi %-10s rasd %-10s x%d" % (tok, ql, rl, c))


if __name__ == "__main__":
    main()
