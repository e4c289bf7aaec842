// The folder is an npm package: ESM and CommonJS entries in Node, the web entry, the types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import init, * as esm from "parindex";
import { pkgRoot, repoRoot } from "./helpers.mjs";

const API = [
  "ParIndexError", "backtest", "bandOf", "competitorRanges", "exact", "Framework", "frameworkIds", "LeagueTable", "leastCost", "periods", "plan", "provinces", "published",
  "publishedYears", "rankGain", "Scorecard", "SipasBootstrap", "sipasFromAnswers", "SipasResult", "simulate",
  "Survey", "version", "whatIf", "yearOverYear",
];

test("import { published, LeagueTable } from \"parindex\" works in Node with no build step", async () => {
  const { published, LeagueTable } = await import("parindex");
  assert.equal(typeof LeagueTable.fromCsv, "function");
  assert.equal(published("par", 2023).rank("Lạng Sơn"), 47);
  for (const name of API) assert.ok(name in esm, name);
  // init() exists in Node too (a no-op) so code written for the browser runs unchanged.
  assert.equal(await init(), undefined);
  assert.equal(typeof esm.initSync, "function");
});

test("require(\"parindex\") works and is the same module", () => {
  const cjs = createRequire(import.meta.url)("parindex");
  for (const name of API) assert.equal(typeof cjs[name], "function", name);
  assert.equal(cjs.published, esm.published);
  assert.equal(cjs.published("sipas", 2023).rank("Lạng Sơn"), 55);
});

test("the web entry loads (initSync with the module's bytes) and exports the same API", async () => {
  const web = await import(pathToFileURL(join(pkgRoot, "pkg", "web", "index.js")).href);
  web.initSync({ module: readFileSync(join(pkgRoot, "pkg", "web", "parindex_bg.wasm")) });
  for (const name of API) assert.equal(typeof web[name], "function", name);
  const t = web.published("par", 2023);
  assert.deepEqual(t.pointsToRank("Lạng Sơn", 30), esm.published("par", 2023).pointsToRank("Lạng Sơn", 30));
  const o = { province: "Lạng Sơn", gain: 2, targetRank: 30, scenarios: 3000, seed: 7 };
  assert.deepEqual(t.simulate(o), esm.published("par", 2023).simulate(o), "web and nodejs builds agree");
});

test("package.json routes Node to the nodejs build and browsers to the web build", () => {
  const pkg = JSON.parse(readFileSync(join(pkgRoot, "package.json"), "utf8"));
  assert.equal(pkg.name, "parindex");
  assert.equal(pkg.type, "module");
  const root = pkg.exports["."];
  assert.equal(root.node, "./pkg/node/index.mjs");
  assert.equal(root.require, "./pkg/node/index.cjs");
  assert.equal(root.browser, "./pkg/web/index.js");
  assert.equal(root.default, "./pkg/web/index.js");
  assert.equal(root.types, "./pkg/web/index.d.ts");
  assert.equal(pkg.exports["./parindex_bg.wasm"], "./pkg/web/parindex_bg.wasm", "bundlers import the module by name");
  for (const file of Object.values(root)) assert.ok(existsSync(join(pkgRoot, file)), file);
});

test("the generated .d.ts documents shapes, units, errors and the methodology", () => {
  const dts = readFileSync(join(pkgRoot, "pkg", "web", "index.d.ts"), "utf8");
  for (const fragment of [
    "pointsToRank(province: string, targetRank: number): PointsNeeded;",
    "scoreToRank(province: string, targetRank: number): ScoreBounds;",
    "simulate(options: SimulateOptions): SimulationResult;",
    "export function simulate(table: LeagueTable, options: SimulateOptions): SimulationResult;",
    "static fromCsv(text: string, options: TableOptions & CsvColumnsOptions): LeagueTable;",
    "static validate(text: string, options: TableOptions & CsvColumnsOptions): ParIndexError[];",
    "export class ParIndexError extends Error",
    "kind: ErrorKind;",
    "export interface SimulationResult",
    "rankQuantiles: RankQuantiles | null;",
    "export interface RankQuantiles {",
    "warnings: string[];",
    "within: \"framework par-2022\"",
    "Python: `e.kind`",
    "876/QĐ-BNV",
    "@throws ParIndexError",
    "percent (0–100)",
    "exact(options: SimulateOptions): ExactOutcome;",
    "export function leastCost(options: PlanOptionInput[], required: DecimalInput): LeastCostResult | null;",
    "export function sipasFromAnswers(",
    "options?: SipasFromAnswersOptions): SipasResult;",
    "rows(): SipasRow[];",
    "bootstrap(options?: BootstrapOptions): SipasBootstrap;",
    "export type SipasRow = {",
    "export interface ParIndexErrorFields",
    "1001/QĐ-BNV",
    "2640/QĐ-BNV",
    "INVALID_ANSWER",
  ]) {
    assert.ok(dts.includes(fragment), fragment);
  }
  assert.ok(!dts.includes("export function __panicForTests"), "the test hook stays out of the API types");
  assert.ok(!dts.includes("__PanicOnConstruct"), "the constructor test hook too");
  assert.ok(!dts.includes("__wbg_reset_state"), "nothing declared that the entries do not export");
});

test("every declared export is exported, and every export declared", async () => {
  const dts = readFileSync(join(pkgRoot, "pkg", "web", "index.d.ts"), "utf8");
  const declared = new Set([...dts.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]));
  const web = await import(pathToFileURL(join(pkgRoot, "pkg", "web", "index.js")).href);
  for (const entry of [web, esm]) {
    const names = new Set(Object.keys(entry).filter((n) => n !== "default"));
    assert.deepEqual([...declared].filter((n) => !names.has(n)), [], "declared, not exported");
    assert.deepEqual([...names].filter((n) => !declared.has(n)), [], "exported, not declared");
  }
});

test("types generated from the core's serde types are in the declarations, fields in camelCase", () => {
  const dts = readFileSync(join(pkgRoot, "pkg", "web", "index.d.ts"), "utf8");
  // PointsNeeded is derived (tsify) from parindex::PointsNeeded, with its Rust docs.
  assert.match(dts, /export interface PointsNeeded \{\n(?:.*\n)*?\s+low: Decimal;/);
  assert.ok(dts.includes("Least points needed in the most favourable case."));
  assert.ok(!/^\s+[a-z][a-z0-9]*_[a-z0-9_]*\??:/m.test(dts), "no snake_case property is declared");
});

test("no TypeScript declaration is written by hand: every shape is generated from the Rust types", () => {
  const files = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const sources = [...files(join(pkgRoot, "src")), ...files(join(repoRoot, "core", "src"))];
  assert.deepEqual(sources.filter((f) => /\.d\.ts$|\.ts$/.test(f)), [], "no .ts file among the sources");
  for (const f of sources.filter((f) => f.endsWith(".rs"))) {
    const text = readFileSync(f, "utf8");
    assert.ok(!text.includes("typescript_custom_section"), `${f}: a hand-written custom section`);
    assert.ok(!/export (interface|type|class|declare) /.test(text), `${f}: a TypeScript declaration in a string`);
  }
  // The shim adds one line of TypeScript: the class of the errors, merged with the generated
  // interface of their properties.
  const shim = readFileSync(join(pkgRoot, "scripts", "shims.mjs"), "utf8");
  const declarations = [...shim.matchAll(/["']export (?:interface|type|class) (\w+)/g)].map((m) => m[1]);
  assert.deepEqual(declarations, ["ParIndexError", "ParIndexError"]);
  const dts = readFileSync(join(pkgRoot, "pkg", "web", "index.d.ts"), "utf8");
  assert.match(dts, /export interface ParIndexErrorFields \{\n(?:.*\n)*?\s+kind: ErrorKind;/);
  // wasm-bindgen's own declarations of the raw module (after InitInput) aside.
  const api = dts.slice(0, dts.indexOf("export type InitInput"));
  assert.ok(api.length > 10000);
  assert.deepEqual(api.split("\n").filter((l) => /\bany\b/.test(l) && !/^\s*(\*|\/\*\*)/.test(l)), [], "no `any` in the API");
});

test("the error kinds typed are the core's stable kinds and INTERNAL", () => {
  const dts = readFileSync(join(pkgRoot, "pkg", "web", "index.d.ts"), "utf8");
  const union = /export type ErrorKind =([^;]*);/.exec(dts)[1];
  const typed = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]).sort();
  const core = readFileSync(join(repoRoot, "core", "src", "error.rs"), "utf8");
  const kinds = [...core.matchAll(/=> "([A-Z_]+)",?$/gm)].map((m) => m[1]);
  assert.ok(kinds.includes("ABOVE_MAX"), "the core's kinds are read");
  assert.deepEqual(typed, [...new Set([...kinds, "INTERNAL"])].sort());
});

test("the package carries the wasm module once", () => {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgRoot, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["pkg/web/parindex_bg.wasm"]);
  assert.ok(files.every((f) => !f.startsWith("pkg-test/")), "the test build stays out");
});

test("a call on the web build before init() is a ParIndexError saying so", async () => {
  // A fresh copy of the web entry (a query string makes a new module instance).
  const url = pathToFileURL(join(pkgRoot, "pkg", "web", "index.js")).href + "?before-init";
  const web = await import(url);
  for (const call of [() => web.published("par", 2023), () => web.Framework.forYear("par", 2023), () => new web.Scorecard()]) {
    let caught;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof web.ParIndexError, String(caught));
    assert.equal(caught.kind, "UNSUPPORTED");
    assert.match(caught.message, /not initialised: call `await init\(\)`/);
  }
  web.initSync({ module: readFileSync(join(pkgRoot, "pkg", "web", "parindex_bg.wasm")) });
  assert.equal(web.published("par", 2023).rank("Lạng Sơn"), 47);
});

test("getters of objects return the same object on every read", () => {
  const survey = esm.Survey.synthetic({ units: 2, respondents: 5 });
  assert.equal(survey.framework, survey.framework);
  const card = new esm.Scorecard(esm.Framework.forYear("par", 2023), "Lạng Sơn", 2023);
  assert.equal(card.framework, card.framework);
  assert.equal(card.framework.id, "par-2022");
});

test("a TypeScript usage file type-checks against the generated types (tsc --noEmit)", (t) => {
  const tsc = join(pkgRoot, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    t.skip("typescript is not installed (npm ci installs it)");
    return;
  }
  const r = spawnSync(process.execPath, [tsc, "-p", join(pkgRoot, "test", "types")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
