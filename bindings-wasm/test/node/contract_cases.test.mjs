// The cross-language cases (testdata/contract/cases.json, checked against the core by
// core/tests/contract_cases.rs and run by the Python binding too): every case through the
// JS binding's public API, its arguments written with camelCase field names (data keys —
// codes, scenario names — as they are), the output equal to `expected` modulo the case of
// field names; error cases give the same kind, argument (in JS spelling) and code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, leastCost, whatIf, plan, rankGain, Framework, Scorecard, LeagueTable, ParIndexError } from "parindex";
import { testdata } from "./helpers.mjs";

const cases = JSON.parse(testdata("contract/cases.json"));

/** snake_case → camelCase, as the binding names fields. */
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// The keys that are data in the cases' arguments: their own keys are never converted.
const DATA = new Set(["points", "scenarios", "costs"]);
/** The arguments as JS writes them: field names in camelCase, data keys untouched. */
function jsArgs(v, dataKeys = false) {
  if (Array.isArray(v)) return v.map((x) => jsArgs(x));
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [dataKeys ? k : camel(k), jsArgs(x, !dataKeys && DATA.has(k) ? true : false)]),
  );
}
// Inside a data mapping, the values are again shapes (`{ add: 1 }`, `{ costPerPoint }`):
// jsArgs(x, true) converts the keys of the mapping's values through the recursion above.

/** The expected output as JS names it: every object key in camelCase. */
function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), camelKeys(x)]));
}

function card(spec) {
  const c = Scorecard.fromPoints(Framework.builtin(spec.framework), spec.province, spec.points);
  return spec.year == null ? c : c.withYear?.(spec.year) ?? c;
}
const table = (spec) => (spec == null ? null : published(spec.index, spec.year));
const fromEntries = (a) => LeagueTable.fromEntries(a.entries, a.options);

/** Each call of the cases, through the JS API. */
const CALLS = {
  what_if: (a) => (a.table ? whatIf(card(a.scorecard), table(a.table), a.scenarios) : card(a.scorecard).whatIf(a.scenarios)),
  plan: (a) => plan(card(a.scorecard), table(a.table), a.targetRank, { costs: a.costs, basis: a.basis }),
  least_cost: (a) => leastCost(a.options, a.required),
  exact: (a) => table(a.table).exact(a.options),
  from_entries: (a) => fromEntries(a).rows(),
  points_to_rank: (a) => fromEntries(a).pointsToRank(a.province, a.targetRank),
  rank_gain: (a) => rankGain(card(a.scorecard), table(a.table), a.targetRank).rows,
};
// Calls whose JS result keeps its richer shape (a result object rather than the contract's
// flat rows): simulate (pTarget, rankQuantiles, plans).
const NOT_FLAT_IN_JS = ["simulate"];

/**
 * A result as compared: a JS object orders integer-like keys ("1", "3", "5") numerically,
 * whatever order they were written in, so a plan's steps (in the order of `costs`) are
 * compared sorted by code; the exact solution's probabilities (floating point, computed
 * in WebAssembly here and natively for the cases) to 12 significant digits.
 */
function comparable(call, v) {
  if (call === "plan") return { ...v, steps: [...v.steps].sort((a, b) => a.code.localeCompare(b.code)) };
  if (call === "exact") return JSON.parse(JSON.stringify(v, (k, x) => (typeof x === "number" && !Number.isInteger(x) ? Number(x.toPrecision(12)) : x)));
  return v;
}

test("the cases cover the calls the binding runs here", () => {
  const calls = new Set(cases.map((c) => c.call));
  assert.deepEqual([...calls].filter((c) => !(c in CALLS) && !NOT_FLAT_IN_JS.includes(c)), [], "a call with no JS mapping");
  assert.ok(cases.filter((c) => c.call in CALLS).length >= 12);
});

for (const c of cases) {
  if (!(c.call in CALLS)) continue;
  test(`case: ${c.name}`, () => {
    const args = jsArgs(c.args);
    if (c.error) {
      let caught;
      try {
        CALLS[c.call](args);
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof ParIndexError, String(caught));
      assert.equal(caught.kind, c.error.kind, caught.message);
      assert.equal(caught.code, c.error.code);
      const argument = c.error.argument && c.error.argument.replace(/\.([a-z0-9_]+)/g, (_, f) => `.${camel(f)}`);
      assert.equal(caught.argument, argument);
      return;
    }
    const [actual, expected] = [CALLS[c.call](args), camelKeys(c.expected)].map((v) => comparable(c.call, v));
    assert.deepEqual(actual, expected);
  });
}
