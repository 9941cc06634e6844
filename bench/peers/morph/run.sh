#!/usr/bin/env bash
# Verb lemmas, rasd's morphological analyser vs qalsadi (Python, Taha Zerrouki's analyser and lemmatizer),
# on the 6,000 verb tokens of verbs.tsv (real words of the bulk corpus that qalsadi tags as verbs, with its
# lemma). Builds nothing: expects rasd at ${RASD_BIN:-target/release/rasd} (relative to the repository root),
# feeds it the tokens one a line (`rasd morph`) and prints the agreement and the disagreements by kind
# (compare.py, plain Python 3, no packages).
#
#   bench/peers/morph/run.sh [--show N]            compare (N examples per kind, default 20)
#   bench/peers/morph/run.sh --regen [N_ARTICLES]  reinstall qalsadi into .venv (git-ignored), redraw
#                                                  verbs.tsv (sample.py) and rewrite
#                                                  data/sources/verb_lemmas_qalsadi.tsv (freq.py, 3000
#                                                  articles unless N_ARTICLES); needs PyPI and ../shared
#
# To test without rasd: RASD_BIN=bench/peers/morph/fake_rasd.py (add FAKE_RASD=echo for full agreement).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

if [ "${1:-}" = "--regen" ]; then
  venv="$here/.venv"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -c 'import qalsadi' 2>/dev/null || "$venv/bin/pip" install -q 'qalsadi==0.5.1'
  "$venv/bin/python" "$here/sample.py"
  "$venv/bin/python" "$here/freq.py" --n "${2:-3000}"
  exit 0
fi

bin="${RASD_BIN:-target/release/rasd}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "no rasd binary at $bin: build it (cargo build --release -p rasd) or set RASD_BIN" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
grep -v '^#' "$here/verbs.tsv" | cut -f1 > "$work/words"
start=$EPOCHREALTIME
"$bin" morph < "$work/words" > "$work/rasd.tsv"
end=$EPOCHREALTIME
echo "rasd morph: $(wc -l < "$work/words") words in $(awk "BEGIN { printf \"%.2f\", $end - $start }") s (process start-up included)"
python3 "$here/compare.py" "$here/verbs.tsv" "$work/rasd.tsv" "$@"
