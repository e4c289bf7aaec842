// Native Rust and WebAssembly give identical simulation output for the same seed.
//
// The native side is the Rust main job:
//   cargo run --release -p parindex --example report -- --json --scenarios 20000 --seed 7
// test.sh runs it once and passes its output file in PARINDEX_NATIVE_REPORT; without that
// variable this test runs the command itself (a release build of the core: minutes when cold).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { published } from "parindex";
import { repoRoot } from "./helpers.mjs";

const SCENARIOS = 20000;
const SEED = 7;

function nativeReport() {
  const file = process.env.PARINDEX_NATIVE_REPORT;
  if (file) return JSON.parse(readFileSync(file, "utf8"));
  const args = ["run", "--release", "-q", "-p", "parindex", "--example", "report", "--",
    "--json", "--scenarios", String(SCENARIOS), "--seed", String(SEED)];
  const out = execFileSync("cargo", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out);
}

test("native report and WASM simulate agree exactly (Lạng Sơn 2023, both indices, 20,000 scenarios, seed 7)", { timeout: 900_000 }, () => {
  const native = nativeReport();
  assert.equal(native.scenarios, SCENARIOS);
  assert.equal(native.seed, SEED);
  assert.deepEqual(native.indices.map((i) => i.index), ["par", "sipas"]);
  for (const n of native.indices) {
    const t = published(n.index, native.year);
    const province = native.province;
    // Where the province stands (exact decimals, 2 places as published).
    assert.equal(t.score(province), n.score, `${n.index} score`);
    assert.equal(t.rank(province), n.rank, `${n.index} rank`);
    assert.equal(t.band(province), n.band, `${n.index} band`);
    const need = t.pointsToRank(province, native.target_rank);
    for (const k of ["low", "high", "estimate"]) {
      assert.equal(Number(need[k]).toFixed(2), n.points_to_target[k], `${n.index} points to target ${k}`);
    }
    // The Monte Carlo: the same plans on the same scenarios.
    const s = t.simulate({
      province,
      gains: n.plans.map((p) => p.gain),
      targetRank: native.target_rank,
      scenarios: native.scenarios,
      seed: native.seed,
    });
    assert.equal(s.plans.length, n.plans.length);
    n.plans.forEach((np, i) => {
      const wp = s.plans[i];
      const what = `${n.index} gain ${np.gain}`;
      assert.equal(wp.gain, np.gain, what);
      assert.equal(wp.pTarget, np.p_target, `${what}: pTarget`);
      assert.equal(wp.rankP05, np.rank_p05, `${what}: p05`);
      assert.equal(wp.rankP50, np.rank_p50, `${what}: p50`);
      assert.equal(wp.rankP95, np.rank_p95, `${what}: p95`);
    });
    assert.equal(s.gainForP50, n.gain_for_p50, `${n.index} gain for 50%`);
    assert.equal(s.gainForP80, n.gain_for_p80, `${n.index} gain for 80%`);
  }
});
