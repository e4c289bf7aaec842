// A Rust panic never takes the module down: it is thrown as a ParIndexError with kind
// INTERNAL, the instance is replaced at once, objects made before it refuse to be used
// (instead of reading another instance's memory), and new ones work. (Its own file: the
// reset invalidates every object of the process.)
//
// The panics are test hooks of the test build (pkg-test/, `build.sh --test-hooks`, made by
// test.sh): the published package has none.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as published_ from "parindex";
import { pkgRoot } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const testBuild = join(pkgRoot, "pkg-test", "node", "index.cjs");
const { published, Framework, Scorecard, ParIndexError, __panicForTests, __PanicOnConstruct } = require(testBuild);

/** As helpers.mjs's throwsCode, for the test build's own ParIndexError class. */
function throwsCode(fn, kind, props = {}) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ParIndexError, `not a ParIndexError: ${caught}`);
  assert.equal(caught.kind, kind, caught.message);
  for (const [k, v] of Object.entries(props)) assert.deepEqual(caught[k], v, k);
  return caught;
}

test("the published package has no test hooks", () => {
  assert.equal(published_.__panicForTests, undefined);
  assert.equal(published_.__PanicOnConstruct, undefined);
  assert.equal(typeof __panicForTests, "function", "the test build has them");
});

const LS = "Lạng Sơn";

test("a panic is an INTERNAL error and the module goes on", (t) => {
  // The panic hook logs the panic with its stack to console.error: keep the output clean.
  t.mock.method(console, "error", () => {});
  const before = published("par", 2023);
  const expected = before.simulate({ province: LS, gain: 2, targetRank: 30, scenarios: 5000, seed: 7 });
  const e = throwsCode(() => __panicForTests(), "INTERNAL", { family: "internal" });
  assert.match(e.message, /deliberate panic \(test hook\)/);
  assert.match(e.message, /make tables, frameworks and scorecards again/);
  assert.throws(() => before.rank(LS), /stale object/);
  const after = published("par", 2023);
  assert.equal(after.rank(LS), 47);
  assert.deepEqual(after.simulate({ province: LS, gain: 2, targetRank: 30, scenarios: 5000, seed: 7 }), expected);
  // Again (the same module instance).
  throwsCode(() => require(testBuild).__panicForTests(), "INTERNAL");
  assert.throws(() => after.score(LS), /stale object/);
  assert.equal(published("sipas", 2023).score(LS), "79.30");
});

test("a panic in a constructor (new …) resets the instance too", (t) => {
  t.mock.method(console, "error", () => {});
  const fw = Framework.forYear("par", 2023);
  const card = new Scorecard(fw, LS, 2023);
  assert.ok(card instanceof Scorecard, "instanceof works through the guarded class");
  assert.equal(Scorecard.name, "Scorecard");
  const e = throwsCode(() => new __PanicOnConstruct(), "INTERNAL", { family: "internal" });
  assert.match(e.message, /deliberate panic in a constructor/);
  // Reset at once: objects made before the panic refuse to be used.
  assert.throws(() => card.province, /stale object/);
  assert.throws(() => fw.id, /stale object/);
  const again = new Scorecard(Framework.forYear("par", 2023), LS, 2023);
  assert.equal(again.province, LS);
  assert.equal(published("par", 2023).rank(LS), 47);
});
