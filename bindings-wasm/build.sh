#!/usr/bin/env bash
# Build the npm package in bindings-wasm/pkg/: the wasm module (release), wasm-bindgen's
# `web` and `nodejs` outputs, and the entry points (scripts/shims.mjs).
#
# `build.sh --test-hooks` builds the test build instead, in bindings-wasm/pkg-test/ (nodejs
# only, unoptimised): the same module with the `test-hooks` feature (a deliberate panic),
# which the published package never carries.
#
# Needs: the wasm32-unknown-unknown target and wasm-bindgen-cli at the exact version of the
# wasm-bindgen crate (test.sh installs both when missing). Honours CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

target_dir="${CARGO_TARGET_DIR:-$here/../target}"
features=()
pkg=pkg
targets=(web nodejs)
if [ "${1:-}" = "--test-hooks" ]; then
  features=(--features test-hooks)
  pkg=pkg-test
  targets=(nodejs)
fi
# One codegen unit and LTO for the shipped module: smaller and faster, and only this
# wasm32 build pays for it (the environment applies to this cargo call alone).
CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  cargo build --release --target wasm32-unknown-unknown -p parindex-wasm "${features[@]}"
wasm="$target_dir/wasm32-unknown-unknown/release/parindex_wasm.wasm"

rm -rf "$pkg"
for target in "${targets[@]}"; do
  out=$pkg/${target/nodejs/node}
  wasm-bindgen --target "$target" --out-dir "$out" --out-name parindex \
    --experimental-reset-state-function "$wasm"
done
# wasm-opt from the npm package binaryen (a devDependency; Debian's binaryen is too old):
# measured here, -O3 makes the module 13% smaller and the Monte Carlo ~40% faster.
# Both targets get the same optimised bytes (wasm-bindgen emits identical modules).
if [ "$pkg" = pkg-test ]; then
  :
elif [ -x node_modules/.bin/wasm-opt ]; then
  if cmp -s pkg/web/parindex_bg.wasm pkg/node/parindex_bg.wasm; then
    node_modules/.bin/wasm-opt -O3 pkg/web/parindex_bg.wasm -o pkg/web/parindex_bg.wasm
    cp pkg/web/parindex_bg.wasm pkg/node/parindex_bg.wasm
  else
    for f in pkg/web/parindex_bg.wasm pkg/node/parindex_bg.wasm; do node_modules/.bin/wasm-opt -O3 "$f" -o "$f"; done
  fi
else
  echo "note: node_modules/.bin/wasm-opt not found (npm ci installs it): module left unoptimised" >&2
fi
node scripts/shims.mjs "$pkg"
[ "$pkg" = pkg-test ] && exit 0
ls -l pkg/web/parindex_bg.wasm | awk '{print "wasm module:", $5, "bytes"}'
