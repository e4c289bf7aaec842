// The root README's capability table ("The same library in three languages"), JS column,
// against the package's public names: every name the table gives exists, and every export
// is in the table or listed below as a helper outside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pkg from "parindex";
import { published } from "parindex";
import { pkgRoot, repoRoot } from "./helpers.mjs";

/** The JS cells of the table, one per row. */
function jsColumn() {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = readme.split("## The same library in three languages")[1].split("\n## ")[0];
  const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| capability"));
  return rows.map((r) => r.split(" | ").at(-1).replace(/ \|$/, ""));
}

/** The backquoted names of a cell (`backtest(...).model` → `backtest`). */
const namesIn = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\(.*$/, ""));

const widgetSource = readFileSync(join(pkgRoot, "widget", "index.js"), "utf8");
const widgetExports = new Set([...widgetSource.matchAll(/export (?:async )?(?:function|const|class) (\w+)|export \{([^}]*)\}/g)]
  .flatMap((m) => (m[1] ? [m[1]] : m[2].split(",").map((s) => s.trim().split(/\s+as\s+/).at(-1)))));

function error() {
  try {
    published("par", 2023).rank("Atlantis");
  } catch (e) {
    return e;
  }
  return null;
}

/** Whether a name of the table is a public name of the package. */
function exists(name) {
  if (name.startsWith("<") || name === "parindex/widget") return name === "<parindex-whatif>" || name === "parindex/widget";
  if (name.startsWith("e.")) return Object.hasOwn(error(), name.slice(2));
  if (name.startsWith("t.")) return typeof pkg.LeagueTable.prototype[name.slice(2)] === "function";
  const [owner, member] = name.split(".");
  if (member) {
    const cls = pkg[owner];
    return typeof cls === "function" && (typeof cls[member] === "function" || typeof cls.prototype?.[member] === "function");
  }
  return name in pkg || typeof pkg.LeagueTable[name] === "function" || typeof pkg.LeagueTable.prototype[name] === "function" || widgetExports.has(name);
}

// Exports that are helpers rather than capabilities of the table.
const OUTSIDE_THE_TABLE = [
  "bandOf", "competitorRanges", "default", "frameworkIds", "initSync", "periods", "provinces", "publishedYears",
  "SipasBootstrap", "SipasResult", "version", "yearOverYear",
];

test("every JS name of the capability table is a public name", () => {
  const names = jsColumn().flatMap(namesIn);
  assert.ok(names.length >= 30, `too few names read: ${names.join(", ")}`);
  assert.deepEqual(names.filter((n) => !exists(n)), []);
});

test("every export is in the capability table or a listed helper", () => {
  const inTable = new Set(jsColumn().flatMap(namesIn).map((n) => n.split(".")[0]));
  const missing = Object.keys(pkg).filter((n) => !inTable.has(n) && !OUTSIDE_THE_TABLE.includes(n));
  assert.deepEqual(missing, []);
  assert.deepEqual(OUTSIDE_THE_TABLE.filter((n) => !(n in pkg)), [], "a listed helper that is not exported");
});
