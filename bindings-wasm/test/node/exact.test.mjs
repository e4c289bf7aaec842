// The Monte Carlo's model solved exactly (exact, table.exact) and the least-cost planner
// (leastCost): hand-computable cases, agreement with the simulation, errors.
// (Agreement with the native Rust report is in crosscheck.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, exact, leastCost, competitorRanges, LeagueTable } from "parindex";
import { throwsCode } from "./helpers.mjs";

const LS = "Lạng Sơn";

test("a model small enough to solve by hand", () => {
  // Three units, all published: A 80, B 81, C 82. Each competitor moves by 0 or +2 (odds ½).
  // A gains 1.5 → 81.5: B (81 or 83) is above it half the time, C (82 or 84) always →
  // rank 2 or 3, each with probability ½.
  const t = LeagueTable.fromEntries(
    [{ province: "A", score: 80 }, { province: "B", score: 81 }, { province: "C", score: 82 }],
    { index: "demo", year: 2023, roster: "open", of: 3 },
  );
  const o = { province: "A", gains: ["1.5", 0, 1, 3], targetRank: 2, model: { kind: "sample", values: [0, 2] } };
  const ex = exact(t, o);
  assert.deepEqual(Object.keys(ex), ["plans", "gainForP50", "gainForP80", "model"]);
  assert.equal(ex.model.kind, "sample");
  assert.deepEqual(ex.plans, [
    { gain: "1.5", pTarget: 0.5, rankProbabilities: [0, 0.5, 0.5] },
    // No gain: B and C always above.
    { gain: "0", pTarget: 0, rankProbabilities: [0, 0, 1] },
    // +1 → 81: a tie with B at 81 shares its rank (competition ranking), so only B at 83 is above.
    { gain: "1", pTarget: 0.5, rankProbabilities: [0, 0.5, 0.5] },
    // +3 → 83: B is never above (a tie at 83 shares the rank); C at 84 half the time.
    { gain: "3", pTarget: 1, rankProbabilities: [0.5, 0.5, 0] },
  ]);
  // P ≥ 50% first at +1.00; P ≥ 80% needs B never above: +3.00 (at +2.99, P = 1 − ½·½ = 0.75).
  assert.equal(ex.gainForP50, "1.00");
  assert.equal(ex.gainForP80, "3.00");
  assert.deepEqual(t.exact(o), ex);
  assert.deepEqual(exact(t, { ...o, gains: ["2.99"] }).plans[0].pTarget, 0.75);
  // The simulation converges to it.
  const s = t.simulate({ ...o, scenarios: 20000, seed: 7 });
  s.plans.forEach((p, i) => assert.ok(Math.abs(p.pTarget - ex.plans[i].pTarget) < 0.02, `${p.gain}: ${p.pTarget}`));
});

test("Lạng Sơn 2023: the exact solution and a 100,000-scenario simulation agree", () => {
  const t = published("par", 2023);
  const o = { province: LS, gains: [2, 4, 6], targetRank: 30 };
  const ex = t.exact(o);
  assert.deepEqual(ex.plans.map((p) => p.gain), ["2", "4", "6"]);
  for (const p of ex.plans) {
    assert.equal(p.rankProbabilities.length, 63);
    assert.ok(Math.abs(p.rankProbabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.ok(p.pTarget >= 0 && p.pTarget <= 1);
  }
  const sim = t.simulate({ ...o, scenarios: 100000, seed: 7 });
  // The sampling error of a probability near 0.74 with 100,000 scenarios is about 0.0014.
  sim.plans.forEach((p, i) => assert.ok(Math.abs(p.pTarget - ex.plans[i].pTarget) < 0.01, `+${p.gain}`));
  assert.ok(Math.abs(Number(sim.gainForP50) - Number(ex.gainForP50)) <= 0.05);
  assert.ok(Number(ex.gainForP50) <= Number(ex.gainForP80));
  // scenarios, seed and includeGainCounts are accepted (one options object for both) and change nothing.
  assert.deepEqual(t.exact({ ...o, scenarios: 5, seed: 99, includeGainCounts: true }), ex);
  // Another model: normal changes (mean 2.5, sd 1.2).
  const model = { kind: "normal", mean: "2.5", sd: "1.2" };
  const en = t.exact({ ...o, model });
  const sn = t.simulate({ ...o, model, scenarios: 100000, seed: 21 });
  sn.plans.forEach((p, i) => assert.ok(Math.abs(p.pTarget - en.plans[i].pTarget) < 0.01, `normal +${p.gain}`));
});

test("exact: errors as simulate's, and UNSUPPORTED without the province's own score", () => {
  const t = published("par", 2023);
  const base = { province: LS, gain: 2, targetRank: 30 };
  // The independent models need the province's own score; the fitted one (the default)
  // starts it within its rank-implied bounds.
  throwsCode(() => t.exact({ ...base, province: "Nghệ An", model: "empirical" }), "UNSUPPORTED", { message: /own score/ });
  assert.equal(t.exact({ ...base, province: "Nghệ An" }).model.kind, "fitted");
  throwsCode(() => t.exact({ ...base, targetRank: 0 }), "INVALID_ARGUMENT", { argument: "options.targetRank" });
  throwsCode(() => t.exact({ ...base, targetrank: 30 }), "INVALID_ARGUMENT", { message: /unknown field `targetrank`/ });
  throwsCode(() => t.exact({ ...base, gain: NaN }), "INVALID_ARGUMENT", { argument: "options.gain" });
  throwsCode(() => t.exact({ ...base, province: "Atlantis" }), "UNKNOWN_PROVINCE");
  throwsCode(() => exact(t), "INVALID_ARGUMENT", { argument: "options" });
});

test("leastCost: steps and caps, by hand; null when unreachable", () => {
  const options = [
    { steps: [1, 2] }, // a banded leaf: +1 or +2, cost 1 per point
    { steps: ["1.5"], costPerPoint: "0.5" },
    { cap: 0.5, costPerPoint: 3 }, // any gain up to 0.5
  ];
  // Need 1.2: the 1.5 step costs 0.75; 1 + 0.2 continuous would cost 1.6; 2 would cost 2.
  const r = leastCost(options, "1.2");
  assert.deepEqual(Object.keys(r), ["gains", "totalCost"]);
  assert.deepEqual(r.gains, ["0", "1.5", "0"]);
  assert.equal(Number(r.totalCost), 0.75);
  // Need 3.6: 2 + 1.5 + 0.1 costs 2 + 0.75 + 0.3 = 3.05.
  const more = leastCost(options, 3.6);
  assert.deepEqual(more.gains, ["2", "1.5", "0.1"]);
  assert.equal(Number(more.totalCost), 3.05);
  // At most 2 + 1.5 + 0.5 = 4: 4.01 cannot be reached.
  assert.equal(leastCost(options, "4.01"), null);
  assert.deepEqual(leastCost(options, 4).gains, ["2", "1.5", "0.5"]);
  assert.deepEqual(leastCost(options, 0), { gains: ["0", "0", "0"], totalCost: "0" });
  // The nested form of earlier versions is refused (one shape, as in Python).
  throwsCode(() => leastCost([{ gains: { cap: 1 } }], 1), "INVALID_ARGUMENT", { argument: "options[0].gains" });
  assert.equal(leastCost([], 1), null);
  // Quảng Nam's fields 3 (2.32 points lost, cost 1) and 5 (0.85 lost, cost 2) for the 2.72
  // points to #30 (core/tests/simulate.rs): 2.32 + 0.40, cost 3.12.
  const qn = leastCost([{ cap: "2.32" }, { cap: "0.85", costPerPoint: 2 }], "2.72");
  assert.deepEqual(qn.gains, ["2.32", "0.4"]);
  assert.equal(Number(qn.totalCost), 3.12);
});

test("leastCost argument errors", () => {
  const bad = (options, required, props) => throwsCode(() => leastCost(options, required), "INVALID_ARGUMENT", props);
  bad([{ cap: -1 }], 1, { argument: "options" });
  bad([{ cap: 1 }, { steps: [1, -1] }], 1, { argument: "options" });
  bad([{ cap: 1, costPerPoint: -1 }], 1, { argument: "options" });
  bad([{ cap: "10000000000" }], 1, { argument: "options" });
  bad([{ cap: 1, steps: [1] }], 1, { argument: "options[0]", message: /exactly one of `cap`/ });
  bad([{ costPerPoint: 1 }], 1, { argument: "options[0]", message: /exactly one of `cap`/ });
  bad([{ cap: 1, cost: 1 }], 1, { argument: "options[0].cost", message: /unknown field `cost`/ });
  bad([{ steps: [1, "x"] }], 1, { argument: "options[0].steps[1]" });
  bad([{ cap: 1 }], NaN, { argument: "required" });
  bad([{ cap: 1 }], "1e9", { argument: "required" });
  bad({ cap: 1 }, 1, { argument: "options" });
});

test("competitorRanges: where the simulation starts from, best rank first", () => {
  const t = published("par", 2023);
  const ranges = competitorRanges(t, LS);
  assert.equal(ranges.length, 62);
  assert.deepEqual(ranges[0], ["92.18", "92.18"]); // Quảng Ninh, #1, published
  for (const [lo, hi] of ranges) assert.ok(Number(lo) <= Number(hi));
  assert.ok(ranges.some(([lo, hi]) => lo !== hi), "unpublished scores come as ranges");
  throwsCode(() => competitorRanges(t, "Atlantis"), "UNKNOWN_PROVINCE");
});
