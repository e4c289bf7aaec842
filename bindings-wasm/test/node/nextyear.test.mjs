// The fitted next-year model from JS: table.forecast (exact and seeded Monte Carlo) and
// backtest, with the core's names in camelCase.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, backtest, fit } from "parindex";
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

test("fit: the fitted model of a table, as chances carries it; errors name the option", () => {
  const t = published("par", 2023);
  const m = fit(t);
  assert.equal(m.kind, "fitted");
  assert.deepEqual(m, t.chances({ province: "Lạng Sơn", gain: 0 }).model);
  assert.equal(fit(t, { spread: 1.5 }).spread, 1.5);
  assert.deepEqual(fit(t, "fitted"), m);
  const e = throwsCode(() => fit(t, { catchUp: -3 }), "INVALID_ARGUMENT");
  assert.equal(e.argument, "model.catchUp");
  const f = throwsCode(() => t.forecast({ targetRank: 64 }), "INVALID_ARGUMENT");
  assert.equal(f.argument, "options.targetRank");
  const g = throwsCode(() => t.chances({ province: "Lạng Sơn", gains: [] }), "INVALID_ARGUMENT");
  assert.equal(g.argument, "options.gains");
  const h = throwsCode(() => t.chances({ province: "Lạng Sơn", gain: 1, model: { catchUp: -3 } }), "INVALID_ARGUMENT");
  assert.equal(h.argument, "options.model.catchUp");
});

test("backtest: the summary and rows", () => {
  const b = backtest("par", 2022, 2023);
  assert.equal(b.summary.n, 34);
  assert.equal(b.summary.inside90, 29);
  assert.ok(b.summary.rps < b.summary.baselineRps);
  for (const k of ["coverage50", "coverage90", "baselineCoverage90"]) assert.equal(typeof b.summary[k], "number");
  assert.equal(b.rows.length, 34);
  assert.ok("actualRank" in b.rows[0] && "inside90" in b.rows[0]);
  const e = throwsCode(() => backtest("par", 2021, 2023), "INVALID_ARGUMENT");
  assert.equal(e.details.argument, "nextYear");
  assert.match(e.message, /invalid `nextYear`: 2023 is not 2021 \+ 1/);
});

test("chances: one province's plans under the fitted model, exact or seeded Monte Carlo", () => {
  const t = published("par", 2023);
  const c = t.chances({ province: "Lang Son", gains: [0, 2, 4, 6], targetRank: 30 });
  assert.deepEqual(Object.keys(c), ["province", "targetRank", "method", "plans", "gainForP50", "gainForP80", "model"]);
  assert.equal(c.province, "Lạng Sơn");
  assert.equal(c.method, "exact");
  assert.deepEqual(c.plans.map((p) => p.gain), ["0", "2", "4", "6"]);
  assert.deepEqual(Object.keys(c.plans[0]), ["gain", "pTarget", "rankP05", "rankP50", "rankP95", "rankProbabilities"]);
  for (let i = 1; i < 4; i++) assert.ok(c.plans[i].pTarget >= c.plans[i - 1].pTarget);
  for (const p of c.plans) assert.ok(Math.abs(p.rankProbabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.ok(Number(c.gainForP80) >= Number(c.gainForP50));
  assert.equal(c.model.kind, "fitted");
  // exact() under the default (fitted) model is the same solution.
  const ex = t.exact({ province: "Lạng Sơn", gains: [0, 2, 4, 6], targetRank: 30 });
  assert.deepEqual(ex.plans.map((p) => p.pTarget), c.plans.map((p) => p.pTarget));
  assert.equal(ex.gainForP50, c.gainForP50);
  assert.equal(ex.model.kind, "fitted");
  // The Monte Carlo of the same model: simulate() draws the same scenarios.
  const mc = t.chances({ province: "Lạng Sơn", gain: 4, targetRank: 30, scenarios: 20000, seed: 7 });
  assert.equal(mc.method, "monte_carlo");
  assert.equal(mc.gainForP50, null);
  const sim = t.simulate({ province: "Lạng Sơn", gain: 4, targetRank: 30, scenarios: 20000, seed: 7 });
  assert.equal(sim.pTarget, mc.plans[0].pTarget);
  assert.ok(Math.abs(mc.plans[0].pTarget - c.plans[2].pTarget) < 0.02);
  throwsCode(() => t.chances({ province: "Lạng Sơn", gain: 101 }), "INVALID_ARGUMENT");
  throwsCode(() => t.chances({ province: "Atlantis", gain: 1 }), "UNKNOWN_PROVINCE");
  throwsCode(() => t.chances({ province: "Lạng Sơn", gain: 1, model: { spred: 1 } }), "INVALID_ARGUMENT");
});

test("the README's forecast / chances / backtest example runs as written", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { repoRoot } = await import("./helpers.mjs");
  const readme = readFileSync(join(repoRoot, "bindings-wasm", "README.md"), "utf8");
  const section = readme.split("## Next year: forecast, chances and backtest")[1];
  const code = section.split("```js\n")[1].split("```")[0];
  const lines = [];
  const log = console.log;
  console.log = (...a) => lines.push(a.join(" "));
  try {
    const body = code.replace(/^import .*$/m, "");
    await new Function("published", "backtest", "fit", body)(published, backtest, fit);
  } finally {
    console.log = log;
  }
  assert.ok(lines.some((l) => l.startsWith("Lạng Sơn next year: rank")), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("in past years, 90% bands held")), lines.join("\n"));
  assert.ok(lines.some((l) => /^catch-up -?\d\.\d{3} per point, spread \d\.\d\d points$/.test(l)), lines.join("\n"));
});
