#!/usr/bin/env bash
# Run every test of the project on a fresh machine: installs what is missing from the
# package registries (rustup targets, crates.io, PyPI, Debian, npm), then runs the Rust
# checks and tests, the Python package's tests (with the example notebook) and the
# WebAssembly package's tests (Node and headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
# A run from a fresh clone gains nothing from incremental caches, which double the target's
# size on disk; set CARGO_INCREMENTAL=1 to keep them while iterating.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
step() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - start))"; }

step "Rust: format, lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p parindex

step "Rust: tests"
cargo test --workspace --locked

step "Rust: the main job runs"
cargo run --release --locked -p parindex --example report -- --scenarios 20000 > /dev/null

if [ -x bindings-python/test.sh ]; then
  step "Python package"
  bindings-python/test.sh
fi

if [ -x bindings-wasm/test.sh ]; then
  step "WebAssembly package"
  bindings-wasm/test.sh
fi

if [ -x bindings-python/test.sh ] && [ -x bindings-wasm/test.sh ]; then
  # Python against JS directly: it needs both packages built, so it runs after the
  # WebAssembly step (inside the Python step the npm package does not exist yet).
  step "Python and JS: the same inputs and seed, the same numbers"
  (cd bindings-python && PARINDEX_REQUIRE_JS=1 "${PARINDEX_PY_VENV:-$PWD/../target/py-venv}/bin/python" \
    -m pytest -p no:cacheprovider -q tests/test_cross_language.py)
fi

step "all tests passed"
