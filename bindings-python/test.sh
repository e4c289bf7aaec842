#!/usr/bin/env bash
# The Python package's test command: build parindex into a virtualenv and run pytest
# (every public function, the error cases, the stubs against the runtime, the Lạng Sơn
# notebook, and the same Monte Carlo figures as the Rust report).
#
# Needs only Python >= 3.9 with pip and venv, and a Rust toolchain (cargo). Everything
# else comes from PyPI into the virtualenv.
#
#   bindings-python/test.sh            # reuse the venv's tools if present, rebuild parindex
#   PARINDEX_FRESH_VENV=1 bindings-python/test.sh   # start from a new venv (as CI does)
#   bindings-python/test.sh -k simulate             # extra arguments go to pytest
#
# Environment: PYTHON (default python3), PARINDEX_PY_VENV (default <repo>/target/py-venv),
# CARGO_TARGET_DIR (default <repo>/target). CI=true implies a fresh venv.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="${PARINDEX_PY_VENV:-$REPO/target/py-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
export MPLBACKEND=Agg
export PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$REPO"

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

"$PYTHON" - <<'EOF'
import sys
if sys.version_info < (3, 9):
    sys.exit(f"parindex needs Python >= 3.9, found {sys.version.split()[0]}")
EOF
command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs)" >&2; exit 1; }

# The determinism test runs the Rust report in release mode; build it while pip works.
step "building the Rust report (release) in the background"
mkdir -p "$CARGO_TARGET_DIR"
cargo build --quiet --release -p parindex --example report >"$CARGO_TARGET_DIR/report-build.log" 2>&1 &
REPORT_BUILD=$!

if [[ -n "${CI:-}" || "${PARINDEX_FRESH_VENV:-0}" == 1 || ! -x "$VENV/bin/python" ]]; then
  step "fresh virtualenv at $VENV"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

TOOLS=(maturin pytest pandas matplotlib nbclient nbformat ipykernel mypy openpyxl hypothesis)
missing=()
for tool in "${TOOLS[@]}"; do
  "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$tool') is None)" || missing+=("$tool")
done
if ((${#missing[@]})); then
  step "pip install ${missing[*]}"
  "$PY" -m pip install --quiet "maturin>=1.9.4,<2" "${missing[@]}"
else
  step "test tools already in the venv"
fi

# Exactly what a user runs (PEP 517 build through maturin in an isolated environment).
step "pip install ./bindings-python (maturin, release, abi3 wheel)"
"$PY" -m pip install --quiet --force-reinstall --no-deps ./bindings-python

step "waiting for the Rust report build"
if ! wait "$REPORT_BUILD"; then
  cat "$CARGO_TARGET_DIR/report-build.log" >&2
  exit 1
fi

step "pytest"
cd "$HERE"
# Run from the tests' folder with the installed package (not the source tree) on the path.
exec "$PY" -m pytest -p no:cacheprovider -q "$@" tests
