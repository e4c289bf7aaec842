// Fuzz tests: every export, static method, method and getter called with generated
// arguments (wrong types, null, plain objects, other classes, freed objects, huge and
// non-finite numbers, Symbols …), and every loader fed mutated copies of the testdata
// files, may only return or throw an Error named ParIndexError with a string `code` (never
// INTERNAL), and never change their arguments.
//
// A small seeded generator (xorshift), so that CI tries the same inputs every run:
// FUZZ_CALLS API calls and FUZZ_LOADS loads per loader. A longer, random campaign:
//
//   PARINDEX_FUZZ_EXAMPLES=200000 PARINDEX_FUZZ_SEED=$RANDOM node --test test/node/fuzz.test.mjs
//
// (a failure prints the seed, the call and its arguments).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pkg from "parindex";
import { repoRoot, testdata } from "./helpers.mjs";

const LONG = Number(process.env.PARINDEX_FUZZ_EXAMPLES ?? 0);
const SEED = Number(process.env.PARINDEX_FUZZ_SEED ?? 20261206);
const FUZZ_CALLS = LONG || 6000;
const FUZZ_LOADS = LONG || 150;

/** xorshift32: a small seeded generator. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[int(0, arr.length - 1)];
  return { next, int, pick };
}

const { LeagueTable, Framework, Scorecard, Survey, published } = pkg;
const LS = "Lạng Sơn";
const mini = Framework.fromJson(testdata("sipas/mini-framework.json"), "mini-framework.json");
const par = published("par", 2023);
const par2022 = Framework.builtin("par-2022");
const card = Scorecard.fromCsv(testdata("published/par_index_scorecards.csv"), par2022, "Quảng Nam", { year: 2023 });
const survey = Survey.fromCsv(testdata("sipas/mini-long.csv"), { framework: mini });
const result = survey.compute();
const boot = survey.bootstrap({ replicates: 20, seed: 1 });
const freed = published("par", 2022);
freed.free();
const INSTANCES = [par, published("sipas", 2023), par2022, mini, card, survey, result, boot];

const WORDS = [
  "par", "sipas", LS, "Lang Son", "Hà Nội", "Atlantis", "total", "1", "3", "1.1", "P.1.1", "S.2.1", "par-2022",
  "sipas-2023", "top2", "item_mean", "competition", "dense", "high", "low", "empirical", "normal", "sample",
  "auto", "long", "wide", "1e-2", "9,5", "85.94", "-1", "NaN", "", " ", "\u0000", "\r", "0.95", "dk",
];
const KEYS = [
  "index", "year", "province", "gain", "gains", "targetRank", "scenarios", "seed", "model", "kind", "mean", "sd",
  "values", "years", "framework", "rule", "aggregation", "tiePolicy", "replicates", "level", "label", "add", "set",
  "measure", "code", "points", "score", "rank", "costs", "basis", "roster", "of", "name", "changes", "__proto__",
];

function value(r, depth = 0) {
  switch (r.int(0, depth > 1 ? 9 : 12)) {
    case 0: return r.pick([null, undefined, true, false]);
    case 1: return r.int(-3, 70);
    case 2: return r.pick([-1, 0, 0.5, 1.5, -0, NaN, Infinity, -Infinity, 1e300, 2 ** 32, 2 ** 53, 1e-40, 30.5]);
    case 3: return r.pick([0n, -1n, 30n, 2n ** 64n, -(2n ** 70n)]);
    case 4: case 5: return r.pick(WORDS);
    case 6: return String.fromCharCode(...Array.from({ length: r.int(0, 6) }, () => r.int(0, 0xffff)));
    case 7: return r.pick([...INSTANCES, freed]);
    case 8: return r.pick([Symbol("s"), () => 1, new Date(0), /x/, new Uint8Array(2), new Map()]);
    case 9: return r.pick(INSTANCES);
    case 10: return Array.from({ length: r.int(0, 3) }, () => value(r, depth + 1));
    default: {
      const o = {};
      // Own properties, `__proto__` included (assignment would set the prototype instead).
      for (let i = r.int(0, 4); i > 0; i--) {
        Object.defineProperty(o, r.pick(KEYS), { value: value(r, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
  }
}

/** Every callable of the package: [label, receiver or null, function]. */
function targets() {
  const out = [];
  for (const [name, v] of Object.entries(pkg)) {
    // ParIndexError is a plain JS class (an Error), not a call into the module.
    if (typeof v !== "function" || ["default", "initSync", "ParIndexError"].includes(name) || /panic|Panic/.test(name)) continue;
    const isClass = typeof v.prototype?.free === "function";
    if (!isClass) {
      out.push([name, null, v]);
      continue;
    }
    for (const key of Object.getOwnPropertyNames(v)) {
      if (["length", "name", "prototype", "__wrap"].includes(key) || typeof v[key] !== "function") continue;
      out.push([`${name}.${key}`, v, v[key]]);
    }
    out.push([`new ${name}`, "new", v]);
    const owners = INSTANCES.filter((i) => i instanceof v);
    for (const key of Object.getOwnPropertyNames(v.prototype)) {
      if (["constructor", "free", "__destroy_into_raw"].includes(key)) continue;
      const d = Object.getOwnPropertyDescriptor(v.prototype, key);
      const fn = d.get ?? d.value;
      if (typeof fn !== "function") continue;
      for (const owner of [...owners, freed, {}, null]) out.push([`${name}.prototype.${key}`, owner, fn]);
    }
  }
  return out;
}
const TARGETS = targets();

/** What a value looks like, for the "arguments unchanged" check. */
function fingerprint(v, seen = new Set()) {
  if (v === null || typeof v !== "object") return typeof v === "symbol" ? "symbol" : typeof v === "bigint" ? `${v}n` : String(v);
  if (seen.has(v)) return "cycle";
  seen.add(v);
  if (Array.isArray(v)) return `[${v.map((x) => fingerprint(x, seen)).join(",")}]`;
  if (typeof v.free === "function") return `<${v.constructor.name}>`;
  return `{${Object.keys(v).map((k) => `${k}:${fingerprint(v[k], seen)}`).join(",")}}`;
}

function check(label, call, args) {
  const before = fingerprint(args);
  try {
    const out = call();
    if (out && typeof out.free === "function" && !INSTANCES.includes(out)) out.free();
  } catch (e) {
    const where = `${label}(${args.map((a) => fingerprint([a])).join(", ")}) [seed ${SEED}]`;
    assert.ok(e instanceof Error, `${where} threw a non-Error: ${String(e)}`);
    assert.equal(e.name, "ParIndexError", `${where}: ${e.stack}`);
    assert.equal(typeof e.kind, "string", `${where}: no kind: ${e.message}`);
    assert.notEqual(e.kind, "INTERNAL", `${where}: ${e.message}`);
  }
  assert.equal(fingerprint(args), before, `${label} changed its arguments`);
}

// Calls that would run long with a valid but large count (the fuzz tests refusals, not speed).
const SLOW = /simulate|bootstrap|synthetic|exact|leastCost|plan/;

test(`every export, with ${FUZZ_CALLS} generated calls (seed ${SEED})`, () => {
  const r = rng(SEED);
  assert.ok(TARGETS.length > 100, `${TARGETS.length} targets`);
  for (let n = 0; n < FUZZ_CALLS; n++) {
    const [label, owner, fn] = r.pick(TARGETS);
    const args = Array.from({ length: r.int(0, 4) }, () => value(r));
    if (SLOW.test(label)) {
      // Keep counts small: the option objects get scenarios/replicates of at most 50.
      for (const a of args) {
        if (a && typeof a === "object" && !Array.isArray(a) && typeof a.free !== "function") {
          for (const k of ["scenarios", "replicates", "respondents", "units"]) if (k in a) a[k] = r.pick([-1, 0, 1, 50, "x", 2 ** 40]);
        }
      }
    }
    if (owner === "new") check(label, () => new fn(...args), args);
    else check(label, () => fn.apply(owner, args), args);
  }
});

test("wrong classes, null, plain objects and freed objects are ParIndexErrors naming the argument", () => {
  const cases = [
    [() => pkg.whatIf(card, null, []), "table"],
    [() => pkg.rankGain(par, par, 30), "card"],
    [() => pkg.rankGain(card, {}, 30), "table"],
    [() => pkg.yearOverYear(freed, par), "before"],
    [() => par.checkScorecard(par), "card"],
    [() => LeagueTable.prototype.rank.call({}, LS), "this"],
    [() => freed.rank(LS), "this"],
    [() => Object.getOwnPropertyDescriptor(LeagueTable.prototype, "year").get.call(freed), "this"],
  ];
  for (const [call, argument] of cases) {
    let caught;
    try { call(); } catch (e) { caught = e; }
    assert.ok(caught, String(call));
    assert.equal(caught.name, "ParIndexError", caught.stack);
    assert.equal(caught.kind, "INVALID_ARGUMENT", caught.message);
    assert.equal(caught.argument, argument, caught.message);
  }
  let e;
  try { pkg.rankGain(par, par, 30); } catch (x) { e = x; }
  assert.match(e.message, /invalid `card`: expected a Scorecard, got LeagueTable/);
  try { freed.rank(LS); } catch (x) { e = x; }
  assert.match(e.message, /has been freed/);
  // A class without a constructor refuses `new` and says how to make one.
  try { new LeagueTable(); } catch (x) { e = x; }
  assert.equal(e.kind, "UNSUPPORTED");
  assert.match(e.message, /new LeagueTable\(\)`.*LeagueTable\.fromCsv\(\)/);
  // A class with a constructor checks its class argument too.
  try { new Scorecard(null, LS); } catch (x) { e = x; }
  assert.equal(e.name, "ParIndexError");
  assert.equal(e.kind, "INVALID_ARGUMENT");
});

// -- loaders fed mutated files ----------------------------------------------------------------

const INSERTS = [",", ";", "\t", '"', "\n", "\r", "\r\n", "\u0000", "\ufffd", "\ufeff", "-", "1e5",
  "99999999999999999999999999999999", "0.000000000000000000000000000001", "NaN", " ", LS, "{", "}", "[", "]",
  ":", "null", "\\", "1,5", "1.5.5", "1.5"];

function mutate(r, text) {
  let s = text;
  for (let k = r.int(1, 6); k > 0; k--) {
    const at = r.int(0, s.length);
    switch (r.pick(["insert", "delete", "replace", "truncate", "line", "swap"])) {
      case "insert": s = s.slice(0, at) + r.pick(INSERTS) + s.slice(at); break;
      case "delete": s = s.slice(0, at) + s.slice(at + r.int(1, 8)); break;
      case "replace": s = s.slice(0, at) + String.fromCharCode(r.int(0, 0x2fff)) + s.slice(at + 1); break;
      case "truncate": s = s.slice(0, at); break;
      default: {
        const lines = s.split("\n");
        const i = r.int(0, lines.length - 1);
        const j = r.int(0, lines.length - 1);
        if (r.next() < 0.5) lines.splice(j, 0, lines[i]);
        else [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join("\n");
      }
    }
  }
  return s;
}

const files = (dir, re) =>
  readdirSync(join(repoRoot, "testdata", dir)).filter((f) => re.test(f)).map((f) => readFileSync(join(repoRoot, "testdata", dir, f), "utf8"));

const LOADERS = [
  ["LeagueTable.fromCsv", (t) => LeagueTable.fromCsv(t, { index: "par", year: 2023 }),
    [...files("published", /^(par_index|sipas)_provinces\.csv$/), ...files("bad", /^table-/)]],
  ["Framework.fromCsv", (t) => Framework.fromCsv(t), [...files("frameworks", /\.csv$/), ...files("bad", /^framework-.*csv$/)]],
  ["Framework.fromJson", (t) => Framework.fromJson(t, "f.json"),
    [testdata("sipas/mini-framework.json"), par2022.toJson(), ...files("bad", /^framework-.*json$/)]],
  ["Scorecard.fromCsv", (t) => Scorecard.fromCsv(t, par2022, "Quảng Nam", { year: 2023 }),
    [...files("published", /scorecards\.csv$/), ...files("bad", /^scorecard-/)]],
  ["Survey.fromCsv", (t) => Survey.fromCsv(t, { framework: mini }), [...files("sipas", /\.csv$/), ...files("sipas/bad", /\.csv$/)]],
  ["Survey.fromJson", (t) => Survey.fromJson(t, { framework: mini }), [...files("sipas", /^mini-(long|wide)\.json$/), ...files("sipas/bad", /\.json$/)]],
  ["sipasFromAnswers", (t) => pkg.sipasFromAnswers(t, { framework: mini }), [...files("sipas", /\.(csv|json)$/)]],
];

for (const [name, load, seeds] of LOADERS) {
  test(`${name} with ${FUZZ_LOADS} mutated files (seed ${SEED})`, () => {
    assert.ok(seeds.length > 0, name);
    const r = rng(SEED ^ name.length * 7919);
    for (let n = 0; n < FUZZ_LOADS; n++) {
      const text = mutate(r, r.pick(seeds));
      check(name, () => load(text), [text]);
    }
  });
}
