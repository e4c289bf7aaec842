// The fitted next-year model from JS: table.forecast (exact and seeded Monte Carlo) and
// backtest, with the core's names in camelCase.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, backtest } from "parindex";
import { throwsCode } from "./helpers.mjs";

test("forecast: one plain object per province", () => {
  const t = published("par", 2023);
  const rows = t.forecast({ targetRank: 30 });
  assert.equal(rows.length, 63);
  const ls = rows.find((r) => r.province === "Lạng Sơn");
  assert.equal(ls.rankNow, 47);
  assert.equal(ls.scoreNow, 85.94);
  assert.ok(ls.rankP05 <= ls.rankP50 && ls.rankP50 <= ls.rankP95);
  assert.ok(ls.pTarget > 0 && ls.pTarget < 1);
  assert.equal(ls.rankProbabilities.length, 63);
  assert.ok(rows.some((r) => !r.published && r.rankNow === null));
});

test("forecast: same seed, same numbers; the Monte Carlo agrees with the exact answer", () => {
  const t = published("sipas", 2023);
  const a = t.forecast({ targetRank: 30, scenarios: 4000, seed: 3 });
  const b = t.forecast({ targetRank: 30, scenarios: 4000, seed: 3 });
  assert.deepEqual(a, b);
  const exact = t.forecast({ targetRank: 30 });
  for (let i = 0; i < 63; i++) assert.ok(Math.abs(a[i].pTarget - exact[i].pTarget) < 0.06);
});

test("forecast: overrides and bad options", () => {
  const t = published("par", 2023);
  const wide = t.forecast({ model: { spread: 4, catchUp: -0.2 } });
  const narrow = t.forecast({ model: { spread: 0.5, catchUp: -0.2 } });
  const ls = (rows) => rows.find((r) => r.province === "Lạng Sơn");
  assert.ok(ls(wide).rankP95 - ls(wide).rankP05 >= ls(narrow).rankP95 - ls(narrow).rankP05);
  throwsCode(() => t.forecast({ model: { spred: 2 } }), "INVALID_ARGUMENT");
  throwsCode(() => t.forecast({ targetRank: 0 }), "INVALID_ARGUMENT");
  throwsCode(() => t.forecast({ model: { catchUp: -3 } }), "INVALID_ARGUMENT");
});

test("backtest: the summary and rows", () => {
  const b = backtest("par", 2022, 2023);
  assert.equal(b.summary.n, 34);
  assert.equal(b.summary.inside90, 29);
  assert.ok(b.summary.rps < b.summary.baselineRps);
  for (const k of ["coverage50", "coverage90", "baselineCoverage90"]) assert.equal(typeof b.summary[k], "number");
  assert.equal(b.rows.length, 34);
  assert.ok("actualRank" in b.rows[0] && "inside90" in b.rows[0]);
  throwsCode(() => backtest("par", 2021, 2023), "INVALID_ARGUMENT");
});

test("chances: the province's own planned gain under the fitted model, exact and seeded", () => {
  const t = published("par", 2023);
  const c = t.chances({ province: "Lang Son", gains: ["0", "2", "6"], targetRank: 30 });
  assert.equal(c.province, "Lạng Sơn");
  assert.equal(c.method, "exact");
  assert.equal(c.model.kind, "fitted");
  const p = c.plans.map((x) => x.pTarget);
  // More gain never lowers P(rank ≤ 30); the planned gain matters.
  assert.ok(p[0] < p[1] && p[1] < p[2], String(p));
  assert.deepEqual(c.plans.map((x) => Number(x.gain)), [0, 2, 6]);
  const sum = c.plans[1].rankProbabilities.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, String(sum));
  // The gains for 50% and 80% bracket the probabilities.
  assert.ok(Number(c.gainForP50) <= Number(c.gainForP80));
  const at50 = t.chances({ province: "Lạng Sơn", gain: c.gainForP50, targetRank: 30 }).plans[0].pTarget;
  assert.ok(at50 >= 0.5, String(at50));
  // The seeded Monte Carlo of the same model: same seed, same numbers; close to the exact.
  const a = t.chances({ province: "Lạng Sơn", gain: "2", targetRank: 30, scenarios: 20000, seed: 5 });
  const b = t.chances({ province: "Lạng Sơn", gain: "2", targetRank: 30, scenarios: 20000, seed: 5 });
  assert.equal(a.method, "monte_carlo");
  assert.deepEqual(a.plans, b.plans);
  assert.ok(Math.abs(a.plans[0].pTarget - p[1]) < 0.03, `${a.plans[0].pTarget} vs ${p[1]}`);
  throwsCode(() => t.chances({ province: "Lạng Sơn", targetRank: 30 }), "INVALID_ARGUMENT");
  throwsCode(() => t.chances({ province: "Lạng Sơn", gain: "101", targetRank: 30 }), "INVALID_ARGUMENT");
  throwsCode(() => t.chances({ province: "Atlantis", gain: "1" }), "UNKNOWN_PROVINCE");
});
