#!/usr/bin/env bash
# HTML main-text extraction, rasd vs trafilatura (Python), on the same generated pages, in one run:
# pages/s, MB/s, and token-level precision/recall against the known body texts.
#
#   bench/peers/trafilatura/run.sh [SECONDS] [--rust] [--real DIR]
#
# The pages are the articles of ../shared/corpus/{seeds,dev} wrapped in three realistic page
# layouts (see crates/read/src/testing.rs); trafilatura is installed in a virtualenv beside this
# script (.venv, git-ignored). --rust also runs the `trafilatura` crate and `dom_smoothie`
# (rs/, built on first use into $PEERS_TARGET_DIR, default rs/target). --real DIR runs on real
# pages instead: DIR/pages/*.html and their article bodies DIR/truth/*.txt (prep_real.py makes them
# from a public article-extraction benchmark); there rasd's leading headline paragraph is left out,
# as the truth holds the body alone. Each tool runs on one thread for at least SECONDS (default 3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
secs=3
rust=0
real=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rust) rust=1 ;;
    --real) real="$(cd "$2" && pwd)"; shift ;;
    *) secs="$1" ;;
  esac
  shift
done
corpus="$root/../shared/corpus"
if [ -z "$real" ] && [ ! -d "$corpus/seeds" ]; then
  echo "SKIPPED: ../shared absent (no $corpus/seeds)"
  exit 0
fi

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
  "$venv/bin/pip" install -q trafilatura lxml_html_clean
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tgt="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --release -q -p rasd-read --example gen_pages --example html_bench)
notitle=""
if [ -n "$real" ]; then
  ln -s "$real/pages" "$work/pages"
  ln -s "$real/truth" "$work/truth"
  notitle="--no-title"
else
  "$tgt/release/examples/gen_pages" "$work" "$corpus/seeds" "$corpus/dev"
fi
echo "pages: $(ls "$work/pages/" | wc -l), $(du -skL "$work/pages/" | cut -f1) KiB; one thread each, >= ${secs}s" >&2

"$tgt/release/examples/html_bench" "$work/pages" "$work/out/rasd" "$secs" $notitle > "$work/speed.jsonl"
dirs=("$work/out/rasd")
"$venv/bin/python" "$here/traf.py" "$work/pages" "$work/out/traf" "$secs" >> "$work/speed.jsonl"
dirs+=("$work/out/traf")
"$venv/bin/python" "$here/traf.py" "$work/pages" "$work/out/traf-fast" "$secs" --fast >> "$work/speed.jsonl"
dirs+=("$work/out/traf-fast")
if [ "$rust" = 1 ]; then
  ptgt="${PEERS_TARGET_DIR:-$here/rs/target}"
  (cd "$here/rs" && CARGO_TARGET_DIR="$ptgt" cargo build --release -q)
  "$ptgt/release/peers-rs" "$work/pages" "$work/out" "$secs" >> "$work/speed.jsonl"
  dirs+=("$work/out/trafilatura-rs" "$work/out/dom_smoothie")
fi
"$venv/bin/python" "$here/compare.py" "$work/truth" "$work/speed.jsonl" "${dirs[@]}"
