// Scorecards, what-if, the rank-gain table and the planner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Framework, Scorecard, published, whatIf, rankGain, plan } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

const LS = "Lạng Sơn";
const fw = () => Framework.forYear("par", 2023);
const breakdowns = () => testdata("published/par_index_scorecards.csv");

test("a scorecard from points: three input forms, strings or numbers", () => {
  const a = Scorecard.fromPoints(fw(), "Lang Son", { 1: "9.5", 3: 12.99, total: "85,94" });
  const b = Scorecard.fromPoints(fw(), LS, { 1: 9.5, 3: "12.99", total: 85.94 });
  // One shape, as in Python: the list forms of earlier versions are refused.
  throwsCode(() => Scorecard.fromPoints(fw(), LS, [["1", 9.5]]), "INVALID_ARGUMENT", { argument: "points" });
  for (const card of [a, b]) {
    assert.equal(card.province, LS);
    assert.equal(card.total(), "85.94");
    assert.equal(card.index(), "85.94");
    assert.equal(card.band(), "B");
    assert.deepEqual(card.points("3"), { points: "12.99", source: "given" });
  }
  assert.deepEqual(a.given().map((g) => g.code).sort(), ["1", "3", "total"]);
  assert.equal(a.year, null);
  assert.equal(a.framework.id, "par-2022");
});

test("set, setMeasure, withPoints, unset, sub-indices and points lost", () => {
  const card = new Scorecard(fw(), LS, 2023);
  assert.equal(card.year, 2023);
  assert.equal(card.total(), null);
  assert.equal(card.index(), null);
  assert.equal(card.band(), null);
  card.set("1", "9");
  card.set("3", 12.99);
  assert.ok(card.subIndex("1").startsWith("94.736842105"), card.subIndex("1")); // 9 / 9.5, unrounded
  assert.equal(card.subIndex("2"), null);
  assert.ok(card.subIndex("3").startsWith("99.923076923"), card.subIndex("3")); // 12.99/13 unrounded
  assert.equal(card.lost("1"), "0.5");
  assert.equal(card.lost("2"), null); // max unknown
  const copy = card.withPoints("1", "9.5");
  assert.equal(copy.lost("1"), "0.0");
  assert.equal(card.lost("1"), "0.5", "the original is untouched");
  card.unset("1");
  assert.equal(card.points("1"), null);
  // Above the max: refused, the scorecard unchanged.
  throwsCode(() => card.set("1", "9.8"), "ABOVE_MAX", { code: "1", details: { points: "9.8", max: "9.5" } });
  assert.equal(card.points("1"), null);
  // The constraint F2 + F6 + F7 ≤ 35.5.
  card.set("2", 12);
  card.set("6", 12);
  throwsCode(() => card.set("7", 12), "ABOVE_MAX", { code: "2+6+7", details: { points: "36", max: "35.5" } });
  // Measures go through a leaf's rule (the district example has rules).
  const district = Framework.fromCsv(testdata("frameworks/district-index-example.csv"));
  const d = new Scorecard(district, "Huyện A");
  assert.equal(d.province, "Huyện A");
  assert.equal(d.setMeasure("1.1", "chậm"), "0.5");
  assert.equal(d.setMeasure("1.2", 91), "2");
  assert.equal(d.setMeasure("1.2", { value: "70" }), "1");
  assert.equal(d.setMeasure("1.3", true), "1.5");
  assert.equal(d.setMeasure("1.3", { flag: false }), "0");
  assert.equal(d.setMeasure("2.1", { value: "80" }), "4.4");
  throwsCode(() => d.setMeasure("1.1", "sometime"), "RULE", { code: "1.1", message: /unknown level/ });
  throwsCode(() => d.setMeasure("1.2", true), "RULE");
  throwsCode(() => d.setMeasure("1.2", { value: 1, flag: true }), "INVALID_ARGUMENT", { argument: "measure" });
});

test("scorecards from the published breakdowns, with their slips reported", () => {
  const hb = Scorecard.fromCsv(breakdowns(), fw(), "Hòa Bình", { year: 2023, label: "par_index_scorecards.csv" });
  assert.equal(hb.total(), "86.89");
  // Components add up to 87.89, not the article's 86.89.
  assert.ok(hb.problems().some((p) => p.kind === "sum_mismatch"));
  const t = published("par", 2023);
  const mismatch = t.checkScorecard(hb);
  assert.equal(mismatch.length, 1);
  assert.equal(mismatch[0].kind, "table_mismatch");
  const qn = Scorecard.fromCsv(breakdowns(), fw(), "Quảng Nam", { year: 2023 });
  assert.deepEqual(qn.points("8"), { points: "11.45", source: "implied" });
  const rows = qn.rows();
  assert.deepEqual(Object.keys(rows[0]), ["code", "level", "nameVi", "nameEn", "maxPoints", "points", "source", "index", "lost"]);
  assert.equal(rows[0].code, "total");
  assert.equal(rows.length, 1 + 8 + 4);
  throwsCode(() => Scorecard.fromCsv(breakdowns(), fw(), LS, { year: 2023 }), "NOT_FOUND");
});

test("what-if: adding points where only the total is known moves the total", () => {
  const t = published("par", 2023);
  const card = Scorecard.fromPoints(fw(), LS, { total: t.score(LS) });
  const [f3, comp] = whatIf(card, t, {
    "field 3 +1.5": { 3: { add: 1.5 } },
    "scenario 2": { appraised: "2" },
  });
  assert.equal(f3.scenario, "field 3 +1.5");
  assert.equal(f3.pointsBefore, "85.94");
  assert.equal(f3.pointsAfter, "87.44");
  assert.equal(f3.rankBefore, 47);
  const bounds = (r) => ({ best: r.rankAfterBest, worst: r.rankAfterWorst, estimate: r.rankAfter });
  assert.deepEqual(bounds(f3), t.rankWithGain(LS, "1.5"));
  assert.equal(f3.bandAfter, "B");
  assert.equal(f3.change3, "1.5");
  assert.equal(comp.scenario, "scenario 2");
  assert.deepEqual(bounds(comp), t.rankWithGain(LS, 2));
  // Same answer through the table's method; without a table, no rank.
  assert.deepEqual(t.whatIf(card, { a: { 3: 1.5 } })[0].rankAfter, f3.rankAfter);
  const alone = card.whatIf({ a: { total: { set: "90" } } })[0];
  assert.equal(alone.rankAfter, null);
  assert.equal(alone.bandAfter, "A");
  throwsCode(() => whatIf(card, t, { a: { 1: 10 } }), "ABOVE_MAX", { code: "1" });
  throwsCode(() => whatIf(card, t, { a: { total: 15 } }), "ABOVE_MAX", { code: "total" });
  throwsCode(() => whatIf(card, t, { a: { 9: 1 } }), "UNKNOWN_CODE", { code: "9" });
  throwsCode(() => whatIf(card, t, { a: { 1: { set: 9 } } }), "INVALID_ARGUMENT", { argument: "scenarios" });
  throwsCode(() => whatIf(card, t, { a: { 1: { add: 1, set: 2 } } }), "INVALID_ARGUMENT", {
    argument: 'scenarios.a["1"]',
  });
  throwsCode(() => whatIf(card, t, [{ changes: [] }]), "INVALID_ARGUMENT", { argument: "scenarios" });
});

test("rank-gain table and least-effort plan (Quảng Nam 2023 by field)", () => {
  const t = published("par", 2023);
  const qn = Scorecard.fromCsv(breakdowns(), fw(), "Quảng Nam", { year: 2023 });
  const g = rankGain(qn, t, 30);
  assert.equal(g.province, "Quảng Nam");
  assert.deepEqual(g.rank, { best: 56, worst: 56, estimate: 56 });
  assert.equal(g.targetRank, 30);
  assert.deepEqual(g.target, { low: "2.44", high: "2.72", estimate: "2.63" });
  const f3 = g.rows.find((r) => r.code === "3");
  assert.equal(f3.lost, "2.32");
  assert.equal(typeof f3.ranksGained, "number");
  assert.ok(f3.ranksGainedWorst <= f3.ranksGained && f3.ranksGained <= f3.ranksGainedBest, JSON.stringify(f3));
  assert.ok(f3.rankIfRecoveredBest <= f3.rankIfRecovered && f3.rankIfRecovered <= f3.rankIfRecoveredWorst, JSON.stringify(f3));
  assert.deepEqual(g.unknownMax, ["2", "6", "7"]);
  assert.deepEqual(t.rankGain(qn, 30), g);
  assert.equal(rankGain(qn, t).targetRank, null);
  const p = plan(qn, t, 30);
  assert.equal(p.basis, "high");
  assert.equal(p.required, "2.72");
  assert.equal(p.feasible, true);
  assert.equal(p.totalGain, "2.72");
  assert.ok(p.rankAfter.worst <= 30);
  assert.deepEqual(p.steps.map((s) => s.code), ["1", "3", "4"]);
  assert.deepEqual(p.skipped, [
    ["2", "max points unknown"],
    ["6", "max points unknown"],
    ["7", "max points unknown"],
  ]);
  const cheap3 = plan(qn, t, 30, { basis: "estimate", costs: { 3: 1, 5: "3" } });
  assert.equal(cheap3.required, "2.63");
  assert.deepEqual(cheap3.steps.map((s) => [s.code, s.gain]), [["3", "2.32"], ["5", "0.31"]]);
  throwsCode(() => plan(qn, t, 30, { basis: "sure-ish" }), "INVALID_ARGUMENT", { argument: "options.basis" });
  throwsCode(() => plan(qn, t, 30, { costs: { 3: 1, appraised: 1 } }), "INVALID_ARGUMENT", {
    argument: "options.costs",
  });
  throwsCode(() => plan(qn, t, 0), "INVALID_ARGUMENT", { argument: "targetRank" });
});

test("scorecard errors name file, row and code", () => {
  const bad = (name) => testdata(`bad/${name}`);
  throwsCode(() => Scorecard.fromCsv(bad("scorecard-above-max.csv"), fw(), LS, { year: 2023, label: "s.csv" }), "ABOVE_MAX", {
    file: "s.csv",
    row: 2,
    code: "1",
    details: { points: "9.8", max: "9.5" },
  });
  throwsCode(() => Scorecard.fromCsv(bad("scorecard-unknown-code.csv"), fw(), LS, { year: 2023 }), "UNKNOWN_CODE", {
    file: "scorecard.csv",
    row: 2,
    code: "9",
  });
  throwsCode(() => Scorecard.fromCsv(bad("scorecard-negative.csv"), fw(), LS, { year: 2023 }), "NEGATIVE", {
    row: 2,
    details: { value: "-0.5" },
  });
  throwsCode(() => Scorecard.fromPoints(fw(), LS, { 1: true }), "INVALID_ARGUMENT", { argument: 'points["1"]' });
  throwsCode(() => Scorecard.fromPoints(fw(), LS, "total=85"), "INVALID_ARGUMENT", { argument: "points" });
  throwsCode(() => new Scorecard(fw(), 42), "INVALID_ARGUMENT", { argument: "province" });
});

test("as the README says: plan's costs restrict planning to the listed nodes; forPlus… only when the node alone can supply them", () => {
  const t = published("par", 2023);
  const qn = Scorecard.fromCsv(breakdowns(), fw(), "Quảng Nam", { year: 2023 });
  // Unlisted nodes take no part, even where they are cheaper by default (field 1 is in the
  // default plan): only fields 3 and 5 may gain, each up to its cap.
  const only = plan(qn, t, 30, { costs: { 3: 1, 5: { costPerPoint: 2, cap: "0.5" } } });
  assert.ok(only.steps.every((s) => ["3", "5"].includes(s.code)), JSON.stringify(only.steps));
  assert.deepEqual(only.skipped, []);
  const f5 = only.steps.find((s) => s.code === "5");
  assert.ok(Number(f5.gain) <= 0.5);
  assert.equal(Number(f5.cost), Number(f5.gain) * 2);
  // Listed nodes cannot reach the need: not feasible (and no steps), rather than borrowing others.
  const short = plan(qn, t, 30, { costs: { 5: { cap: "0.1" } } });
  assert.equal(short.feasible, false);
  assert.deepEqual(short.steps, []);
  throwsCode(() => plan(qn, t, 30, { costs: { 3: { cost: 1 } } }), "INVALID_ARGUMENT", {
    argument: 'options.costs["3"].cost', message: /unknown field `cost`/,
  });
  // Rank gains: each row's needs are given exactly when its points lost cover the need's low.
  const g = rankGain(qn, t, 30);
  const needs = { forPlus1: g.plus1, forPlus5: g.plus5, forPlus10: g.plus10, forTarget: g.target };
  let given = 0;
  for (const row of g.rows) {
    for (const [key, need] of Object.entries(needs)) {
      const supplies = Number(row.lost) > 0 && Number(need.low) <= Number(row.lost);
      const pair = [row[`${key}Low`], row[`${key}High`]];
      assert.deepEqual(pair, supplies ? [need.low, need.high] : [null, null], `${row.code} ${key}`);
      if (supplies) given += 1;
    }
  }
  assert.ok(given > 0);
  for (const need of Object.values(needs)) assert.ok(Number(need.low) <= Number(need.estimate) && Number(need.estimate) <= Number(need.high));
});
