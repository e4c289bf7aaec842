// The seeded Monte Carlo: shape, reproducibility, plans, models.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, simulate } from "parindex";
import { throwsCode } from "./helpers.mjs";

const LS = "Lạng Sơn";
const base = { province: LS, gain: "2", targetRank: 30, scenarios: 20000, seed: 7 };

test("result shape: pTarget and rankQuantiles up front, plans, gains for 50% / 80%, the model", () => {
  const t = published("par", 2023);
  const s = t.simulate(base);
  assert.deepEqual(Object.keys(s), [
    "province", "index", "year", "of", "targetRank", "gain", "pTarget", "rankQuantiles",
    "gainForP50", "gainForP80", "plans", "scenarios", "seed", "tiePolicy", "model", "current",
    "unknownCompetitors", "unreachable",
  ]);
  assert.equal(s.province, LS);
  assert.equal(s.index, "par");
  assert.equal(s.year, 2023);
  assert.equal(s.of, 63);
  assert.equal(s.gain, "2");
  assert.equal(s.scenarios, 20000);
  assert.equal(s.seed, 7);
  assert.equal(s.tiePolicy, "competition");
  assert.equal(s.current, "85.94");
  assert.equal(s.plans.length, 1);
  const [plan] = s.plans;
  assert.deepEqual(Object.keys(plan), ["gain", "pTarget", "rankP05", "rankP50", "rankP95", "rankCounts"]);
  assert.equal(plan.pTarget, s.pTarget);
  assert.deepEqual(s.rankQuantiles, { p05: plan.rankP05, p50: plan.rankP50, p95: plan.rankP95 });
  assert.equal(plan.rankCounts.length, 63);
  assert.equal(plan.rankCounts.reduce((a, b) => a + b, 0), 20000);
  assert.ok(s.rankQuantiles.p05 <= s.rankQuantiles.p50 && s.rankQuantiles.p50 <= s.rankQuantiles.p95);
  assert.match(s.gainForP50, /^\d+\.\d\d$/);
  assert.ok(Number(s.gainForP80) >= Number(s.gainForP50));
  // The default: the fitted next-year model, every parameter stated.
  assert.equal(s.model.kind, "fitted");
  assert.ok(s.model.parameters.some((p) => p.name === "shock_sd" || p.name === "shockSd"), JSON.stringify(s.model.parameters));
  assert.ok(s.unknownCompetitors > 0);
  const e = t.simulate({ ...base, model: "empirical" });
  assert.equal(e.model.kind, "empirical");
  assert.match(e.model.description, /2022→2023/);
  assert.deepEqual(e.model.years, [[2022, 2023]]);
  assert.equal(e.model.n, 10);
  assert.deepEqual(e.model.parameters, []);
});

test("the same seed gives the same numbers; another seed other numbers", () => {
  const t = published("par", 2023);
  assert.deepEqual(t.simulate(base), t.simulate(base));
  assert.deepEqual(simulate(t, base), t.simulate(base));
  assert.deepEqual(t.simulate({ ...base, seed: 7n }), t.simulate(base));
  assert.deepEqual(published("par", 2023).simulate(base), t.simulate(base), "a fresh table, same numbers");
  const other = t.simulate({ ...base, seed: 8 });
  assert.notDeepEqual(other.plans[0].rankCounts, t.simulate(base).plans[0].rankCounts);
  const big = t.simulate({ ...base, seed: 18446744073709551615n, scenarios: 100 });
  assert.equal(big.seed, "18446744073709551615", "seeds beyond 2^53 come back as strings");
  assert.equal(t.simulate({ ...base, seed: 2n ** 64n - 1n, scenarios: 100 }).pTarget, big.pTarget);
});

test("several gains run on the same scenarios; more gain, better odds", () => {
  const t = published("par", 2023);
  const s = t.simulate({ ...base, gain: undefined, gains: [1, "2", 3.5, 6] });
  assert.deepEqual(s.plans.map((p) => p.gain), ["1", "2", "3.5", "6"]);
  assert.deepEqual(s.plans[1], t.simulate(base).plans[0]);
  for (let i = 1; i < s.plans.length; i++) assert.ok(s.plans[i].pTarget >= s.plans[i - 1].pTarget);
  // Several gains: no figure of one plan is passed off as the result's (Python raises here).
  assert.equal(s.gain, null);
  assert.equal(s.pTarget, null);
  assert.equal(s.rankQuantiles, null);
  assert.deepEqual(Object.keys(s), Object.keys(t.simulate(base)), "the same keys, in the same order");
  assert.equal(simulate(t, { ...base, gain: undefined, gains: [1, 2] }).pTarget, null);
  // One gain, given as `gain` or as a list of one: its figures up front, as before.
  const one = t.simulate({ ...base, gain: undefined, gains: ["2"] });
  assert.equal(typeof one.pTarget, "number");
  assert.deepEqual(one, t.simulate(base));
});

test("gain counts: the least gain reaching the target, per 0.01 point", () => {
  const t = published("par", 2023);
  const s = t.simulate({ ...base, includeGainCounts: true });
  assert.ok(Array.isArray(s.gainCounts));
  assert.equal(s.gainCounts.reduce((a, b) => a + b, 0) + s.unreachable, 20000);
  // P(target | gain g) is the cumulative share: at gainForP50 it first reaches 50%.
  const h = Math.round(Number(s.gainForP50) * 100);
  const upTo = (k) => s.gainCounts.slice(0, k + 1).reduce((a, b) => a + b, 0);
  assert.ok(upTo(h) >= 10000 && upTo(h - 1) < 10000);
  assert.equal(t.simulate(base).gainCounts, undefined);
});

test("change models: empirical by years, normal, a sample", () => {
  const t = published("par", 2023);
  const byYears = t.simulate({ ...base, model: { kind: "empirical", years: [[2022, 2023]] } });
  assert.deepEqual(byYears, t.simulate({ ...base, model: "empirical" }));
  assert.deepEqual(t.simulate({ ...base, model: "empirical" }), t.simulate({ ...base, model: { kind: "empirical" } }));
  assert.deepEqual(t.simulate({ ...base, model: "fitted" }), t.simulate(base));
  const wide = t.simulate({ ...base, model: { kind: "fitted", spread: 4 } });
  assert.ok(wide.model.parameters.some((p) => p.source.startsWith("override")), JSON.stringify(wide.model.parameters));
  const normal = t.simulate({ ...base, model: { kind: "normal", mean: 0, sd: "1.5" } });
  assert.equal(normal.model.kind, "normal");
  assert.match(normal.model.description, /Normal\(mean 0, sd 1.5\)/);
  const frozen = t.simulate({ ...base, gain: "1.38", model: { kind: "sample", values: [0] } });
  assert.equal(frozen.model.kind, "sample");
  // Nobody moves: +1.38 (the high bound of the points needed) reaches #30 whatever the unknowns.
  assert.ok(frozen.rankQuantiles.p95 <= 30);
  assert.equal(frozen.pTarget, 1);
  throwsCode(() => t.simulate({ ...base, model: { kind: "normal", mean: 0, sd: -1 } }), "INVALID_ARGUMENT", { argument: "options.model.sd" });
  throwsCode(() => t.simulate({ ...base, model: { kind: "normal", mean: 101, sd: 1 } }), "INVALID_ARGUMENT", { argument: "options.model.mean" });
  throwsCode(() => t.simulate({ ...base, model: { kind: "sample", values: [] } }), "INVALID_ARGUMENT", { argument: "options.model.values" });
  throwsCode(() => t.simulate({ ...base, model: { kind: "sample", values: [1, 101] } }), "INVALID_ARGUMENT", { argument: "options.model.values" });
  throwsCode(() => t.simulate({ ...base, model: { kind: "empirical", years: [[2019, 2020]] } }), "NOT_FOUND");
  throwsCode(() => t.simulate({ ...base, model: { kind: "magic" } }), "INVALID_ARGUMENT", { argument: "options.model", message: /unknown variant `magic`/ });
  throwsCode(() => t.simulate({ ...base, model: "normal" }), "INVALID_ARGUMENT", { argument: "options.model" });
});

test("the model's warnings come through: a year pair across a change of methodology, an inferred year", () => {
  const t = published("par", 2023);
  assert.deepEqual(t.simulate({ ...base, model: "empirical" }).model.warnings, [], "2022→2023: one methodology (876/QĐ-BNV), nothing to weigh");
  const across = t.simulate({ ...base, model: { kind: "empirical", years: [[2021, 2022]] } });
  assert.ok(Array.isArray(across.model.warnings));
  assert.ok(
    across.model.warnings.some((w) => /2021→2022 crosses a change of methodology/.test(w) && w.includes("1150/QĐ-BNV") && w.includes("876/QĐ-BNV")),
    across.model.warnings.join("; "),
  );
  const sipas = published("sipas", 2023).simulate({ ...base, gain: 3, model: "empirical" });
  assert.ok(sipas.model.warnings.some((w) => w.startsWith("2022 is taken to follow")), sipas.model.warnings.join("; "));
  // The exact solution uses the same model; its result has no model to warn in.
  assert.equal(t.simulate({ ...base, model: { kind: "normal", mean: 0, sd: 1 } }).model.warnings.length, 0);
});

test("SIPAS, and a province known only by rank", () => {
  const sipas = published("sipas", 2023).simulate({ ...base, gain: 3 });
  assert.equal(sipas.index, "sipas");
  assert.equal(sipas.current, "79.30");
  const s = published("par", 2023).simulate({ ...base, province: "Nghệ An", targetRank: 10 });
  assert.equal(s.current, null, "its score is drawn within its rank-implied bounds");
});

test("simulate argument errors", () => {
  const t = published("par", 2023);
  const bad = (patch, props) => throwsCode(() => t.simulate({ ...base, ...patch }), "INVALID_ARGUMENT", props);
  bad({ gain: NaN }, { argument: "options.gain", message: /NaN/ });
  bad({ gain: Infinity }, { argument: "options.gain", message: /infinite/ });
  bad({ gain: -Infinity }, { argument: "options.gain" });
  bad({ gain: true }, { argument: "options.gain", message: /boolean/ });
  bad({ gain: "two" }, { argument: "options.gain", message: /`two` is not a decimal/ });
  bad({ gain: 101 }, { argument: "options.gain", message: /^invalid `options.gain`: 101 is beyond ±100/ });
  bad({ gain: undefined, gains: [1, 101] }, { argument: "options.gains", message: /101 is beyond ±100/ });
  bad({ gain: undefined, gains: [] }, { argument: "options.gains" });
  bad({ gain: undefined }, { argument: "options", message: /missing field `gains`/ });
  bad({ gains: [1, 2] }, { argument: "options", message: /duplicate field `gains`/ });
  bad({ gain: undefined, gains: [1, null] }, { argument: "options.gains[1]" });
  // Every check of an option names it as the options object does.
  for (const targetRank of [0, 64]) {
    bad({ targetRank }, { argument: "options.targetRank", message: /^invalid `options.targetRank`: .*1\.\.=63/ });
  }
  for (const targetRank of [-1, 2.5, "thirty", 99999999999999999999]) bad({ targetRank }, { argument: "options.targetRank" });
  bad({ targetRank: undefined }, { argument: "options", message: /missing field `targetRank`/ });
  for (const scenarios of [0, 1e9]) {
    bad({ scenarios }, { argument: "options.scenarios", message: /^invalid `options.scenarios`: .*1\.\.=100000000/ });
  }
  for (const scenarios of [-5, 2.5, "many", 1e30]) bad({ scenarios }, { argument: "options.scenarios" });
  bad({ seed: -1 }, { argument: "options.seed" });
  bad({ seed: 1.5 }, { argument: "options.seed" });
  bad({ seed: "seven" }, { argument: "options.seed" });
  bad({ targetrank: 30 }, { argument: "options.targetrank", message: /unknown field `targetrank`/ });
  bad({ province: 47 }, { argument: "options.province" });
  throwsCode(() => t.simulate(), "INVALID_ARGUMENT", { argument: "options" });
  throwsCode(() => t.simulate({ ...base, province: "Atlantis" }), "UNKNOWN_PROVINCE", { details: { name: "Atlantis", closest: [] } });
  // The independent models need an entry and a competition or unrounded ranking; the
  // fitted model places a province with no published data among the free ranks.
  throwsCode(() => t.simulate({ ...base, province: "Hà Giang", model: "empirical" }), "NOT_FOUND");
  throwsCode(() => t.withTiePolicy("dense").simulate({ ...base, model: "empirical" }), "UNSUPPORTED");
  assert.equal(t.simulate({ ...base, province: "Hà Giang", scenarios: 2000 }).current, null);
});
