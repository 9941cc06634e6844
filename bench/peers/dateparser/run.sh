#!/usr/bin/env bash
# rasd's time engine vs Python's dateparser on the same expressions (crates/time/tests/cases.tsv) and the same
# corpus (../shared/corpus seeds and dev). Makes a virtualenv in bench/peers/.venv (gitignored) with dateparser,
# builds rasd in release mode, and prints accuracy and speed for both. Extra arguments go to compare.py
# (--rounds N, --show N to list misses, --corpus DIR, --gold DIR). Not run by CI: it needs PyPI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="${VENV:-$repo/bench/peers/.venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import dateparser' 2>/dev/null || "$venv/bin/pip" install -q 'dateparser>=1.2'
target="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --release -q -p rasd)
exec "$venv/bin/python" "$here/compare.py" "$target/release/rasd" "$@"
