// Native Rust and WebAssembly give identical simulation output for the same seed, and the
// same exact solution of the simulation's model.
//
// The native side is the Rust main job:
//   cargo run --release -p parindex --example report -- [--json] --scenarios 20000 --seed 7
// (`simulate` and `exact` use the report's default model, the fitted one)
// test.sh runs it once as JSON and once as text (the text prints the exact solution) and
// passes the files in PARINDEX_NATIVE_REPORT and PARINDEX_NATIVE_REPORT_TEXT; without those
// variables this test runs the commands itself (a release build of the core: minutes when cold).
// SIPAS: the sipas_synthetic example writes a synthetic survey (CSV) and prints its seeded
// bootstrap (PARINDEX_NATIVE_SYNTHETIC, PARINDEX_NATIVE_BOOTSTRAP).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { published, Survey } from "parindex";
import { repoRoot } from "./helpers.mjs";

const SCENARIOS = 20000;
const SEED = 7;

function runReport(json) {
  const args = ["run", "--release", "-q", "-p", "parindex", "--example", "report", "--",
    ...(json ? ["--json"] : ["--lang", "en"]), "--scenarios", String(SCENARIOS), "--seed", String(SEED)];
  return execFileSync("cargo", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function nativeReport() {
  const file = process.env.PARINDEX_NATIVE_REPORT;
  return JSON.parse(file ? readFileSync(file, "utf8") : runReport(true));
}

function nativeText() {
  const file = process.env.PARINDEX_NATIVE_REPORT_TEXT;
  return file ? readFileSync(file, "utf8") : runReport(false);
}

/**
 * The exact solution as the text report prints it, per index in report order: P(rank ≤
 * target) per plan in percent with 1 decimal ("(73.8%)"), and the gains for 50% and 80%
 * ("solved exactly, without sampling: 3.84 pts for 50%, 4.05 pts for 80%").
 */
function parseExact(text) {
  const sections = text.split(/\n(?=\S.*— methodology)/).slice(1);
  return sections.map((section) => {
    const plans = [...section.matchAll(/^\s+\+(\S+) pts\s+\S+%\s+\((\S+)%\)/gm)].map((m) => ({ gain: m[1], pct: m[2] }));
    const m =
      section.match(/solved exactly, without sampling: (.+?) for 50%, (.+?) for 80%/) ??
      section.match(/Gain needed for P ≥ 50%: (.+?) · for P ≥ 80%: (.+?) \(exact\)/);
    const gain = (s) => (s === "not reachable" ? null : s.replace(/ pts$/, ""));
    return { plans, gainForP50: m && gain(m[1]), gainForP80: m && gain(m[2]) };
  });
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
    // The report states the fitted model's gains exactly (the empirical one's by its draws).
    const g = n.model.kind === "fitted"
      ? t.chances({ province, gains: n.plans.map((p) => p.gain), targetRank: native.target_rank })
      : s;
    assert.equal(g.gainForP50, n.gain_for_p50, `${n.index} gain for 50%`);
    assert.equal(g.gainForP80, n.gain_for_p80, `${n.index} gain for 80%`);
  }
});

test("native report and WASM exact agree (the model solved exactly, Lạng Sơn 2023, both indices)", { timeout: 900_000 }, () => {
  const native = nativeReport();
  const exactText = parseExact(nativeText());
  assert.equal(exactText.length, native.indices.length, "one exact section per index");
  native.indices.forEach((n, k) => {
    const t = published(n.index, native.year);
    const ex = t.exact({ province: native.province, gains: n.plans.map((p) => p.gain), targetRank: native.target_rank });
    const printed = exactText[k];
    assert.equal(printed.plans.length, ex.plans.length, `${n.index}: plans`);
    ex.plans.forEach((p, i) => {
      assert.equal(Number(p.gain).toFixed(2), printed.plans[i].gain, `${n.index}: gain`);
      assert.equal((p.pTarget * 100).toFixed(1), printed.plans[i].pct, `${n.index} +${p.gain}: exact P`);
    });
    // The gains come out with 2 decimals in both.
    assert.equal(ex.gainForP50, printed.gainForP50, `${n.index}: exact gain for 50%`);
    assert.equal(ex.gainForP80, printed.gainForP80, `${n.index}: exact gain for 80%`);
  });
});

const SYN = { units: 20, respondents: 300, seed: 1 };
const REPLICATES = 200;

/** The native synthetic survey (wide CSV) and the bootstrap line of the sipas_synthetic example. */
function nativeSipas() {
  let csv = process.env.PARINDEX_NATIVE_SYNTHETIC;
  let boot = process.env.PARINDEX_NATIVE_BOOTSTRAP;
  if (!csv || !boot) {
    csv = join(mkdtempSync(join(tmpdir(), "parindex-")), "synthetic.csv");
    const run = (...args) =>
      execFileSync("cargo", ["run", "--release", "-q", "-p", "parindex", "--example", "sipas_synthetic", "--", ...args], {
        cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"],
      });
    run("generate", "--units", String(SYN.units), "--respondents", String(SYN.respondents), "--seed", String(SYN.seed), "--out", csv);
    return { csv: readFileSync(csv, "utf8"), boot: JSON.parse(run("bootstrap", "--input", csv, "--replicates", String(REPLICATES), "--seed", "1")) };
  }
  return { csv: readFileSync(csv, "utf8"), boot: JSON.parse(readFileSync(boot, "utf8")) };
}

test("native and WASM SIPAS agree: the same synthetic answers, the same seeded bootstrap", { timeout: 900_000 }, () => {
  const native = nativeSipas();
  // The generator: byte for byte the same answers from the same seed.
  const survey = Survey.synthetic(SYN);
  assert.equal(survey.toWideCsv(), native.csv);
  // The bootstrap of the native file, read as a file is: the first unit's SIPAS and nodes.
  const read = Survey.fromCsv(native.csv);
  assert.equal(native.boot.replicates, REPLICATES);
  assert.equal(native.boot.first_unit, read.units()[0]);
  // At 20 decimals (the default shows 4): the native example prints the values in full.
  const b = read.bootstrap({ replicates: REPLICATES, seed: 1, decimals: 20 });
  const detail = read.compute({ decimals: 20 }).unitDetail(native.boot.first_unit);
  const triple = (estimate, i) => [Number(estimate), Number(i.low), Number(i.high)];
  assert.deepEqual(triple(b.interval(native.boot.first_unit).estimate, b.interval(native.boot.first_unit)), native.boot.sipas);
  assert.deepEqual(survey.bootstrap({ replicates: REPLICATES, seed: 1, decimals: 20 }).rows(), b.rows(), "generated or read: the same");
  // Node intervals: the example prints [estimate, low, high] per node key.
  const nodes = Object.keys(native.boot).filter((k) => Array.isArray(native.boot[k]) && k !== "sipas");
  assert.equal(nodes.length, 11);
  for (const key of nodes) {
    const camel = key.replace(/_(\w)/g, (_, c) => c.toUpperCase());
    assert.equal(Number(detail.nodes[camel]), native.boot[key][0], `${key}: estimate`);
  }
});
