// Errors: thrown as ParIndexError with the core's stable code and the details.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, publishedYears, LeagueTable, Framework } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

const LS = "Lạng Sơn";
const opts = { index: "par", year: 2023 };
const bad = (name) => LeagueTable.fromCsv(testdata(`bad/${name}`), { ...opts, label: name });

test("every error is an Error named ParIndexError with the documented properties", () => {
  const e = throwsCode(() => published("par", 2023).rank("Atlantis"), "UNKNOWN_PROVINCE");
  assert.ok(e instanceof Error);
  assert.ok(e.stack.includes("ParIndexError"));
  for (const k of ["code", "family", "file", "row", "column", "codeRef", "argument", "details"]) {
    assert.ok(Object.hasOwn(e, k), k);
  }
  assert.equal(e.family, "data");
  assert.equal(e.file, "testdata/published/par_index_provinces.csv");
  assert.equal(e.row, null);
  assert.deepEqual(e.details, { name: "Atlantis" });
  assert.match(e.message, /unknown province `Atlantis`/);
});

test("malformed league tables: code, file, row, column and the value", () => {
  throwsCode(() => bad("table-unknown-province.csv"), "UNKNOWN_PROVINCE", {
    file: "table-unknown-province.csv", row: 3, details: { name: "Atlantis" },
  });
  throwsCode(() => bad("table-duplicate-province.csv"), "DUPLICATE_PROVINCE", {
    row: 3, codeRef: LS, details: { province: LS, first: "row 2" }, message: /first at row 2/,
  });
  throwsCode(() => bad("table-rank-beyond.csv"), "INVALID_RANK", {
    row: 3, column: "rank", codeRef: "Cao Bằng", details: { rank: 64, of: 63 },
  });
  throwsCode(() => bad("table-score-not-number.csv"), "INVALID_NUMBER", {
    row: 2, column: "score", details: { value: "abc" },
  });
  throwsCode(() => bad("table-score-negative.csv"), "NEGATIVE", { row: 2, column: "score", details: { value: "-1" } });
  throwsCode(() => bad("table-score-above-100.csv"), "ABOVE_MAX", {
    row: 2, column: "score", codeRef: LS, details: { points: "101", max: "100" },
  });
  throwsCode(() => bad("table-missing-province-column.csv"), "MISSING_FIELD", { row: 1, details: { field: "province" } });
  throwsCode(() => bad("table-malformed-quote.csv"), "MALFORMED", { file: "table-malformed-quote.csv" });
  throwsCode(() => LeagueTable.fromCsv("province,score\nLạng Sơn,85.94\n", { index: "par", year: 2023, scoreColumn: "pct" }), "MISSING_FIELD", {
    file: "table.csv", details: { field: "pct" },
  });
  throwsCode(
    () => LeagueTable.fromCsv("year,province,score\n2022,Lạng Sơn,85\n", opts),
    "NOT_FOUND",
    { message: /2023/ },
  );
  throwsCode(() => LeagueTable.fromEntries([{ province: LS, rank: 0 }], opts), "INVALID_RANK", { column: "rank" });
  throwsCode(() => LeagueTable.fromEntries([{ province: "", score: 1 }], opts), "MISSING_FIELD");
  throwsCode(() => LeagueTable.fromEntries([{ province: LS, scor: 1 }], opts), "INVALID_ARGUMENT", { argument: "entries[0]" });
});

test("queries with bad arguments", () => {
  const t = published("par", 2023);
  throwsCode(() => t.pointsToRank(LS, 0), "INVALID_ARGUMENT", { argument: "target_rank", family: "input" });
  throwsCode(() => t.pointsToRank(LS, 64), "INVALID_ARGUMENT");
  throwsCode(() => t.pointsToRank(LS, "thirty"), "INVALID_ARGUMENT", { argument: "target" });
  throwsCode(() => t.pointsToRank("Ninh Thuận", 30), "NOT_FOUND");
  throwsCode(() => t.pointsToRank("Hà Giang", 30), "NOT_FOUND");
  throwsCode(() => t.rankIf(LS, "100.01"), "INVALID_ARGUMENT", { argument: "score" });
  throwsCode(() => t.rankIf(LS, NaN), "INVALID_ARGUMENT", { argument: "score" });
  throwsCode(() => t.rankIf(LS, false), "INVALID_ARGUMENT", { argument: "score", message: /boolean/ });
  throwsCode(() => t.rankIf(LS), "INVALID_ARGUMENT", { argument: "score", message: /required/ });
  throwsCode(() => t.rankWithGain(LS, Infinity), "INVALID_ARGUMENT", { argument: "gain" });
  throwsCode(() => t.rankWithGain("Nghệ An", 1), "NOT_FOUND", { message: /score_bounds/ });
  throwsCode(() => t.rank(47), "INVALID_ARGUMENT", { argument: "province", message: /got a number/ });
  throwsCode(() => t.rank(), "INVALID_ARGUMENT", { argument: "province" });
  throwsCode(() => t.withTiePolicy("dense").pointsToRank(LS, 30), "UNSUPPORTED");
  throwsCode(() => t.withTiePolicy("alphabetical"), "INVALID_ARGUMENT", { argument: "tie_policy" });
  throwsCode(() => published("par", 2019), "NOT_FOUND", { message: /available: 2021, 2022, 2023/ });
  throwsCode(() => published("par", "2023x"), "INVALID_ARGUMENT", { argument: "year" });
  throwsCode(() => published("papi", 2023), "NOT_FOUND");
  throwsCode(() => published("", 2023), "INVALID_ARGUMENT", { argument: "index" });
  throwsCode(() => publishedYears("papi"), "NOT_FOUND");
  throwsCode(() => LeagueTable.fromCsv("province,score\n", { index: "par" }), "INVALID_ARGUMENT", { argument: "options.year" });
  throwsCode(() => LeagueTable.fromCsv("province,score\n", { ...opts, roster: "cities" }), "INVALID_ARGUMENT", {
    argument: "options.roster",
  });
  throwsCode(() => Framework.builtin(null), "INVALID_ARGUMENT", { argument: "id" });
});

test("a freed object throws, it does not read freed memory", () => {
  const t = published("par", 2023);
  t.free();
  assert.throws(() => t.rank(LS));
});
