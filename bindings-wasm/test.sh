#!/usr/bin/env bash
# The WebAssembly binding's tests, from a fresh machine with Rust, Node 20/npm and apt:
#
#   1. installs what is missing: the wasm32 target, wasm-bindgen-cli at the exact version of
#      the wasm-bindgen crate (compiled from crates.io), Debian's chromium, the npm devDependencies
#   2. the binding's Rust unit tests (conversion and error mapping, natively)
#   3. build.sh: the release wasm module, wasm-bindgen's web and nodejs outputs, the entries
#   4. the native main job (Rust) with 20,000 scenarios and seed 7, for the cross-check (JSON,
#      and text for its exact solution); a synthetic SIPAS survey and its seeded bootstrap
#   5. node --test test/node/*.test.mjs: every export and error case against the nodejs
#      build, the package entries and types, native-vs-WASM identical simulation output,
#      exact solution, synthetic survey and bootstrap
#   6. node --test test/browser/: the widget (portal example, hostile page, esbuild bundle,
#      CDN path) served on 127.0.0.1 in headless Chromium; axe-core; screenshots
#
# Output (screenshots, slider timings, the native report) goes to bindings-wasm/test-output/.
# Honours CARGO_TARGET_DIR. Exit status: non-zero on the first failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
root="$(cd .. && pwd)"
out="$here/test-output"
mkdir -p "$out"
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# -- 1. tools ------------------------------------------------------------------------------
step "tools"
chromium_log="$out/apt-chromium.log"
apt_pid=""
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium with apt (in the background)"
  ( as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends chromium ) >"$chromium_log" 2>&1 &
  apt_pid=$!
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")"
if [ -z "$wb_version" ]; then
  echo "wasm-bindgen is not in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ]; then
  echo "compiling wasm-bindgen-cli $wb_version from crates.io (a few minutes)"
  # Not --locked: the CLI's own lockfile pins a crate version the index here lacks.
  cargo install wasm-bindgen-cli --version "$wb_version" --no-default-features
fi
wasm-bindgen --version

npm ci --no-audit --no-fund

# -- 2. Rust unit tests of the binding (native) --------------------------------------------
step "cargo test -p parindex-wasm"
(cd "$root" && cargo test -p parindex-wasm)

# -- 3. build ------------------------------------------------------------------------------
step "build"
./build.sh
# The test build (test hooks: a deliberate panic), for test/node/panic.test.mjs only.
./build.sh --test-hooks

# -- 4. the native main job, for the cross-check ----------------------------------------------
step "native report and SIPAS bootstrap (cargo run --release -p parindex --example report, sipas_synthetic)"
(cd "$root" && cargo run --release -q -p parindex --example report -- --json --scenarios 20000 --seed 7) \
  >"$out/native-report.json"
export PARINDEX_NATIVE_REPORT="$out/native-report.json"
# `simulate` and `exact` use the report's default model (the fitted one).
# The text report also prints the exact solution ("solved exactly"), for `exact`.
(cd "$root" && cargo run --release -q -p parindex --example report -- --lang en --scenarios 20000 --seed 7) \
  >"$out/native-report.txt"
export PARINDEX_NATIVE_REPORT_TEXT="$out/native-report.txt"
# SIPAS: a synthetic survey and its seeded bootstrap, natively (the sipas_synthetic example).
(cd "$root" && cargo run --release -q -p parindex --example sipas_synthetic -- generate --units 20 \
  --respondents 300 --seed 1 --out "$out/native-synthetic.csv" >/dev/null \
  && cargo run --release -q -p parindex --example sipas_synthetic -- bootstrap \
  --input "$out/native-synthetic.csv" --replicates 200 --seed 1) >"$out/native-bootstrap.json"
export PARINDEX_NATIVE_SYNTHETIC="$out/native-synthetic.csv" PARINDEX_NATIVE_BOOTSTRAP="$out/native-bootstrap.json"

# -- 5. node tests ---------------------------------------------------------------------------
step "node --test (nodejs build)"
node --test test/node/*.test.mjs

# -- 6. browser test ---------------------------------------------------------------------------
step "browser test (Chromium, playwright-core)"
if [ -n "$apt_pid" ]; then
  if ! wait "$apt_pid"; then
    cat "$chromium_log" >&2
    echo "apt-get install chromium failed" >&2
    exit 1
  fi
fi
node --test test/browser/*.test.mjs

step "all WebAssembly tests passed; screenshots and timings in $out"
