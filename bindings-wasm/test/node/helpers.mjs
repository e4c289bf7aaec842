// Shared helpers of the node tests.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ParIndexError } from "parindex";

export const here = dirname(fileURLToPath(import.meta.url));
/** The package folder (bindings-wasm). */
export const pkgRoot = join(here, "..", "..");
/** The repository root. */
export const repoRoot = join(pkgRoot, "..");

/** The text of a file under testdata/. */
export function testdata(path) {
  return readFileSync(join(repoRoot, "testdata", path), "utf8");
}

/**
 * Assert that `fn` throws a ParIndexError of `kind` with the given properties
 * (`message` may be a RegExp); returns the error.
 */
export function throwsCode(fn, kind, props = {}) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected a ${kind} error, nothing was thrown`);
  assert.ok(caught instanceof Error, `not an Error: ${caught}`);
  assert.ok(caught instanceof ParIndexError, `not a ParIndexError: ${caught}`);
  assert.equal(caught.name, "ParIndexError", String(caught));
  assert.equal(caught.kind, kind, caught.message);
  for (const [k, v] of Object.entries(props)) {
    if (v instanceof RegExp) assert.match(String(caught[k]), v, `${k}: ${caught[k]}`);
    else assert.deepEqual(caught[k], v, `${k} of ${caught.message}`);
  }
  return caught;
}
