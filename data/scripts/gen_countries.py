#!/usr/bin/env python3
"""Build data/dict/countries.toml.

Inputs
  (a) the npm package ``i18n-iso-countries`` (MIT licence): ``codes.json`` maps
      alpha-2 / alpha-3 codes and ``langs/ar.json`` gives one Arabic name per code.
      Install it outside the repository, e.g.
          mkdir -p /tmp/gen && cd /tmp/gen && npm install i18n-iso-countries
      and pass ``--pkg /tmp/gen/node_modules/i18n-iso-countries`` (that is the default).
  (b) ``data/sources/countries_extra.tsv``, written by hand: one row per state with the
      English short name, extra Arabic names, nisba adjectives, capital and capital
      metonyms.  The rows of this file *are* the list of states (193 UN members +
      Palestine, Holy See, Taiwan, Kosovo).

Adjective column syntax (items separated by "|"):
  +صيني          regular nisba, expanded to m / f / m.pl nom / m.pl obl / f.pl:
                 صيني، صينية، صينيون، صينيين، صينيات.  In a multi-word adjective
                 ("+كوري شمالي") every word ending in ي takes the suffix.
  +تركي/أتراك    regular singulars and f.pl, broken masculine plural أتراك instead of
                 the sound -ون/-ين forms.
  روس            any other item is taken literally.
  (empty)        derive the masculine nisba from the package's Arabic name by rule
                 (strip ال; -يا/-ية → -ي; -ا/-ة → -ي; -ي stays; else add -ي) and expand.
  -              no adjective in established use (left empty on purpose).

Run with Python 3.11+ (stdlib only):
    python3 data/scripts/gen_countries.py [--pkg DIR] [--check-places data/dict/places.toml]
It writes data/dict/countries.toml and prints warnings for collisions.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
DEFAULT_PKG = Path("/tmp/gen/node_modules/i18n-iso-countries")

# alpha-3 codes the package spells differently from what rasd uses.
ALPHA3_ALIASES = {"XKX": "XKK"}  # Kosovo: user-assigned code; the package uses XKK

DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")


def normalise(s: str) -> str:
    """Approximation of rasd's matcher normalisation (see data/README.md)."""
    s = DIACRITICS.sub("", s)
    s = s.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
                                   "ة": "ه", "ؤ": "و", "ئ": "ي"}))
    toks = []
    for t in s.split():
        if t.startswith("ال") and len(t) > 3:
            t = t[2:]
        toks.append(t)
    return " ".join(toks)


def nisba_from_name(name: str) -> str:
    if " " in name:
        raise ValueError(f"multi-word name {name!r}: give the adjective in the TSV")
    if name.startswith("ال"):
        name = name[2:]
    if name.endswith("يا") or name.endswith("ية"):
        return name[:-1]
    if name.endswith("ا") or name.endswith("ة"):
        return name[:-1] + "ي"
    if name.endswith("ي"):
        return name
    return name + "ي"


def expand_regular(masc: str, broken_plural: str | None) -> list[str]:
    words = masc.split()

    def suffixed(suf: str) -> str:
        return " ".join(w + suf if w.endswith("ي") else w for w in words)

    forms = [masc, suffixed("ة")]
    if broken_plural:
        forms.append(broken_plural)
    else:
        forms += [suffixed("ون"), suffixed("ين")]
    forms.append(suffixed("ات"))
    return forms


def parse_adj(field: str, pkg_name: str) -> list[str]:
    field = field.strip()
    if field == "-":
        return []
    if not field:
        return expand_regular(nisba_from_name(pkg_name), None)
    out: list[str] = []
    for item in field.split("|"):
        item = item.strip()
        if item.startswith("+"):
            masc, _, bp = item[1:].partition("/")
            out += expand_regular(masc.strip(), bp.strip() or None)
        elif item:
            out.append(item)
    return out


def split(field: str) -> list[str]:
    return [x.strip() for x in field.split("|") if x.strip()]


def dedupe(forms: list[str], where: str, warnings: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for f in forms:
        n = normalise(f)
        if n in seen:
            if seen[n] != f:
                warnings.append(f"{where}: {f!r} equals {seen[n]!r} after normalisation; dropped")
            continue
        seen[n] = f
        out.append(f)
    return out


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(xs: list[str]) -> str:
    return "[" + ", ".join(q(x) for x in xs) + "]"


def load_extra(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [l for l in fh if l.strip() and not l.startswith("#")]
    for rec in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if rec[0] == "iso3":
            continue
        if len(rec) != 6:
            raise SystemExit(f"countries_extra.tsv: expected 6 columns, got {len(rec)}: {rec}")
        rows.append(dict(zip(["iso3", "name", "ar", "adj", "capital", "capital_ar"], rec)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pkg", type=Path, default=DEFAULT_PKG, help="directory of the i18n-iso-countries package")
    ap.add_argument("--extra", type=Path, default=DATA / "sources" / "countries_extra.tsv")
    ap.add_argument("--out", type=Path, default=DATA / "dict" / "countries.toml")
    ap.add_argument("--check-places", type=Path, default=DATA / "dict" / "places.toml",
                    help="places.toml to cross-check capitals against (skipped if missing)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every derived adjective")
    args = ap.parse_args()

    pkg_meta = json.loads((args.pkg / "package.json").read_text(encoding="utf-8"))
    codes = json.loads((args.pkg / "codes.json").read_text(encoding="utf-8"))
    a3_to_a2 = {row[1]: row[0] for row in codes}
    ar_names = json.loads((args.pkg / "langs" / "ar.json").read_text(encoding="utf-8"))["countries"]

    rows = load_extra(args.extra)
    warnings: list[str] = []
    entries = []
    for r in rows:
        iso3 = r["iso3"]
        a2 = a3_to_a2.get(ALPHA3_ALIASES.get(iso3, iso3))
        if a2 is None or a2 not in ar_names:
            raise SystemExit(f"{iso3}: not in i18n-iso-countries")
        pkg_ar = ar_names[a2]
        if isinstance(pkg_ar, list):
            pkg_ar = pkg_ar[0]
        ar = dedupe([pkg_ar] + split(r["ar"]), f"{iso3} ar", warnings)
        adj = dedupe(parse_adj(r["adj"], pkg_ar), f"{iso3} adj", warnings)
        if args.verbose and not r["adj"].strip():
            print(f"{iso3}: derived {adj}")
        if not adj:
            warnings.append(f"{iso3}: no adjective (marked '-' in the TSV)")
        cap_ar = dedupe(split(r["capital_ar"]), f"{iso3} capital_ar", warnings)
        entries.append(dict(iso3=iso3, name=r["name"], ar=ar, adj=adj,
                            capital=r["capital"], capital_ar=cap_ar))

    if len({e["iso3"] for e in entries}) != len(entries):
        raise SystemExit("duplicate iso3 in countries_extra.tsv")
    if len(entries) != 197:
        warnings.append(f"expected 197 states (193 UN + PSE, VAT, TWN, XKX), got {len(entries)}")

    # Collisions between states (names and adjectives), after normalisation.
    owner: dict[str, set[str]] = {}
    for e in entries:
        for f in e["ar"] + e["adj"] + e["capital_ar"]:
            owner.setdefault(normalise(f), set()).add(e["iso3"])
    for form, isos in sorted(owner.items()):
        if len(isos) > 1:
            warnings.append(f"form {form!r} shared by {sorted(isos)} (ambiguous)")

    entries.sort(key=lambda e: e["iso3"])
    head = f"""\
# countries.toml — states known to rasd: names, nisba adjectives, capital and capital metonyms.
# GENERATED by data/scripts/gen_countries.py; edit data/sources/countries_extra.tsv and rerun.
#
# Provenance
#   * The first Arabic name in each `ar` list, and the ISO 3166-1 alpha-3 → alpha-2 mapping, come from
#     the npm package {pkg_meta['name']} {pkg_meta['version']} (licence {pkg_meta.get('license', '?')}, copyright
#     widdix GmbH and contributors; files codes.json and langs/ar.json), installed outside the repo with
#     `npm install i18n-iso-countries`.
#     Kosovo is coded XKX here (the package uses XKK).
#   * Everything else was written by hand for rasd in data/sources/countries_extra.tsv: which states
#     are listed (193 UN member states + Palestine, Holy See, Taiwan, Kosovo), the English short names
#     as news uses them, the further Arabic name variants, the nisba adjectives (regular ones expanded
#     by rule in the script, irregular plurals such as روس، أتراك، ألمان given by hand), the capital
#     and the capital forms used as metonyms for the state.
#   * capital_ar is the metonym ("قالت بكين"); for a few states it differs from the capital's own name:
#     ISR → تل أبيب (how Arabic outlets name the Israeli government; capital = Jerusalem as Israel
#     designates it), PSE → رام الله (seat of the Palestinian Authority; capital = East Jerusalem as
#     Palestine designates it), LKA → كولومبو (executive capital), BOL → سوكري/لاباز.
#     It is left empty where the capital's Arabic spelling is an everyday word (Malé ماليه ~ مالية,
#     Dili ديلي ~ "Daily ...", Roseau روسو ~ Rousseau, Victoria).
#   * Forms that rasd's normalisation makes identical are listed once (see data/README.md).
"""
    out = [head]
    for e in entries:
        out.append("[[country]]")
        out.append(f"iso3 = {q(e['iso3'])}")
        out.append(f"name = {q(e['name'])}")
        out.append(f"ar = {qlist(e['ar'])}")
        out.append(f"adj = {qlist(e['adj'])}")
        out.append(f"capital = {q(e['capital'])}")
        out.append(f"capital_ar = {qlist(e['capital_ar'])}")
        out.append("")
    text = "\n".join(out)
    tomllib.loads(text)  # must parse
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(entries)} states)")

    if args.check_places and args.check_places.exists():
        places = tomllib.loads(args.check_places.read_text(encoding="utf-8"))["place"]
        by_name = {(p["name"], p["country"]) for p in places}
        forms_by_country: dict[str, set[str]] = {}
        for p in places:
            forms_by_country.setdefault(p["country"], set()).update(normalise(a) for a in p["ar"])
        for e in entries:
            if (e["capital"], e["iso3"]) not in by_name:
                warnings.append(f"{e['iso3']}: capital {e['capital']!r} not in {args.check_places.name}")
            for f in e["capital_ar"]:
                if normalise(f) not in forms_by_country.get(e["iso3"], set()):
                    warnings.append(f"{e['iso3']}: capital_ar {f!r} is no place of that country")
        print(f"checked capitals against {args.check_places} ({len(places)} places)")

    for w in warnings:
        print("warning:", w, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
