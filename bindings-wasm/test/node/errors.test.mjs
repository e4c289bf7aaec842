// Errors: thrown as ParIndexError with the core's stable code and the details.
import { test } from "node:test";
import assert from "node:assert/strict";
import { published, publishedYears, bandOf, LeagueTable, Framework, Scorecard, ParIndexError } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

const LS = "Lạng Sơn";
const opts = { index: "par", year: 2023 };
const bad = (name) => LeagueTable.fromCsv(testdata(`bad/${name}`), { ...opts, label: name });

test("every error is an Error named ParIndexError with the documented properties", () => {
  const e = throwsCode(() => published("par", 2023).rank("Atlantis"), "UNKNOWN_PROVINCE");
  assert.ok(e instanceof Error);
  assert.ok(e instanceof ParIndexError);
  assert.ok(e.stack.includes("ParIndexError"));
  for (const k of ["kind", "family", "file", "row", "column", "code", "argument", "details"]) {
    assert.ok(Object.hasOwn(e, k), k);
  }
  assert.equal(e.family, "data");
  assert.equal(e.code, "Atlantis", "the province the error is about");
  // A query's argument is not blamed on the table's file.
  assert.equal(e.file, null);
  assert.equal(e.row, null);
  assert.deepEqual(e.details, { name: "Atlantis", closest: [] });
  assert.match(e.message, /unknown province `Atlantis`/);
});

test("malformed league tables: code, file, row, column and the value", () => {
  throwsCode(() => bad("table-unknown-province.csv"), "UNKNOWN_PROVINCE", {
    file: "table-unknown-province.csv", row: 3, details: { name: "Atlantis", closest: [] },
  });
  throwsCode(() => bad("table-duplicate-province.csv"), "DUPLICATE_PROVINCE", {
    row: 3, code: LS, details: { province: LS, first: "row 2" }, message: /first at row 2/,
  });
  throwsCode(() => bad("table-rank-beyond.csv"), "INVALID_RANK", {
    row: 3, column: "rank", code: "Cao Bằng", details: { rank: 64, of: 63 },
  });
  throwsCode(() => bad("table-score-not-number.csv"), "INVALID_NUMBER", {
    row: 2, column: "score", details: { value: "abc" },
  });
  throwsCode(() => bad("table-score-negative.csv"), "NEGATIVE", { row: 2, column: "score", details: { value: "-1" } });
  throwsCode(() => bad("table-score-above-100.csv"), "ABOVE_MAX", {
    row: 2, column: "score", code: LS, details: { points: "101", max: "100" },
  });
  throwsCode(() => bad("table-missing-province-column.csv"), "MISSING_FIELD", { row: 1, details: { field: "province" } });
  throwsCode(() => bad("table-malformed-quote.csv"), "MALFORMED", { file: "table-malformed-quote.csv" });
  throwsCode(() => LeagueTable.fromCsv("province,score\nLạng Sơn,85.94\n", { index: "par", year: 2023, scoreColumn: "pct" }), "UNKNOWN_COLUMN", {
    file: "table.csv", column: "pct", message: /`options.scoreColumn` names column `pct`, which the input does not have \(its columns: `province`, `score`\)/,
  });
  throwsCode(
    () => LeagueTable.fromCsv("year,province,score\n2022,Lạng Sơn,85\n", opts),
    "NOT_FOUND",
    { message: /2023/ },
  );
  throwsCode(() => LeagueTable.fromEntries([{ province: LS, rank: 0 }], opts), "INVALID_RANK", { column: "rank (entry 1)" });
  throwsCode(() => LeagueTable.fromEntries([{ province: "", score: 1 }], opts), "MISSING_FIELD");
  throwsCode(() => LeagueTable.fromEntries([{ province: LS, scor: 1 }], opts), "INVALID_ARGUMENT", { argument: "entries[0].scor", message: /unknown field `scor`/ });
});

test("queries with bad arguments", () => {
  const t = published("par", 2023);
  throwsCode(() => t.pointsToRank(LS, 0), "INVALID_ARGUMENT", { argument: "targetRank", family: "input" });
  throwsCode(() => t.pointsToRank(LS, 64), "INVALID_ARGUMENT", { argument: "targetRank" });
  throwsCode(() => t.pointsToRank(LS, "thirty"), "INVALID_ARGUMENT", { argument: "targetRank" });
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
  throwsCode(() => t.withTiePolicy("alphabetical"), "INVALID_ARGUMENT", { argument: "policy", message: /^invalid `policy`:/ });
  throwsCode(() => published("par", 2019), "NOT_FOUND", { message: /available: 2021, 2022, 2023/ });
  throwsCode(() => published("par", "2023x"), "INVALID_ARGUMENT", { argument: "year" });
  throwsCode(() => published("papi", 2023), "NOT_FOUND");
  throwsCode(() => published("", 2023), "INVALID_ARGUMENT", { argument: "index" });
  throwsCode(() => publishedYears("papi"), "NOT_FOUND");
  throwsCode(() => LeagueTable.fromCsv("province,score\n", { index: "par" }), "INVALID_ARGUMENT", { argument: "options", message: /missing field `year`/ });
  throwsCode(() => LeagueTable.fromCsv("province,score\n", { ...opts, roster: "cities" }), "INVALID_ARGUMENT", {
    argument: "options.roster",
  });
  throwsCode(() => Framework.builtin(null), "INVALID_ARGUMENT", { argument: "id" });
});

test("a rank argument is named as the call names it, with the range of a rank, whatever the check", () => {
  const t = published("par", 2023);
  // Positional `targetRank`: the same name and the same range for every wrong value.
  for (const target of [0, -1, 30.5, 64, 99999999999999999999, "99999999999999999999", "thirty", "1e30", 1e300]) {
    for (const call of [() => t.pointsToRank(LS, target), () => t.scoreToRank(LS, target)]) {
      const e = throwsCode(call, "INVALID_ARGUMENT", { argument: "targetRank" });
      assert.match(e.message, /^invalid `targetRank`: /, e.message);
      assert.match(e.message, /1\.\.=63/, e.message);
      assert.doesNotMatch(e.message, /4294967295|target_rank|not a number/, e.message);
    }
  }
  throwsCode(() => t.pointsToRank(LS, -1), "INVALID_ARGUMENT", { message: /-1 is not a rank of this table: give a rank, a whole number 1\.\.=63/ });
  throwsCode(() => t.pointsToRank(LS, 30.5), "INVALID_ARGUMENT", { message: /30\.5 is not a whole number/ });
  throwsCode(() => t.pointsToRank(LS, 99999999999999999999), "INVALID_ARGUMENT", { message: /100000000000000000000 is not a rank/ });
  throwsCode(() => t.pointsToRank(LS), "INVALID_ARGUMENT", { argument: "targetRank", message: /required/ });
  // A whole number written otherwise is a rank all the same.
  assert.deepEqual(t.pointsToRank(LS, "30"), t.pointsToRank(LS, 30));
  throwsCode(() => t.pointsToRank(LS, "3e1"), "INVALID_ARGUMENT", { argument: "targetRank" });
  assert.deepEqual(t.pointsToRank(LS, 30n), t.pointsToRank(LS, 30));
  // Other tables: the range is the table's own.
  const small = LeagueTable.fromEntries([{ province: LS, score: "85.94" }, { province: "Hà Nội", score: 90 }], { ...opts, of: 2 });
  throwsCode(() => small.pointsToRank(LS, 3), "INVALID_ARGUMENT", { argument: "targetRank", message: /1\.\.=2/ });
});

test("numbers: strings follow the core's decimal rule, values beyond a decimal out of range, none rounded", () => {
  const t = published("par", 2023);
  // Text is read as the core (and Python) read it: point or comma, no exponent.
  for (const text of ["1e-2", "8.594e1", "2E0", "2,5e-1", "9e1"]) {
    throwsCode(() => t.rankWithGain(LS, text), "INVALID_ARGUMENT", { argument: "gain", message: /is not a decimal number/ });
  }
  assert.deepEqual(t.rankWithGain(LS, "0,25"), t.rankWithGain(LS, "0.25"));
  // A JS number is a number, whatever String() would write: 1e-2 is 0.01.
  assert.deepEqual(t.rankWithGain(LS, 1e-2), t.rankWithGain(LS, "0.01"));
  // Representable but beyond what the call allows: the call's own range, not "not a number".
  throwsCode(() => t.rankIf(LS, "1000000000000000000000000000"), "INVALID_ARGUMENT", { argument: "score", message: /outside 0–100 percent/ });
  throwsCode(() => t.rankWithGain(LS, 1e27), "INVALID_ARGUMENT", { argument: "gain", message: /beyond ±100/ });
  // Beyond any decimal: out of range.
  for (const big of [1e30, "99999999999999999999999999999999", 1e300]) {
    const e = throwsCode(() => t.rankIf(LS, big), "INVALID_ARGUMENT", { argument: "score", message: /out of range/ });
    assert.doesNotMatch(e.message, /not a (decimal )?number/, e.message);
  }
  throwsCode(() => t.rankIf(LS, 1e30), "INVALID_ARGUMENT", { message: /`1000000000000000000000000000000` is out of range/ });
  // More digits than a decimal holds exactly: refused, never silently rounded.
  for (const tiny of [1e-40, "0.12345678901234567890123456789", 1e-29]) {
    throwsCode(() => t.rankWithGain(LS, tiny), "INVALID_ARGUMENT", { argument: "gain", message: /cannot be held exactly.*not rounded/ });
  }
  // The smallest exact step is accepted as it is.
  assert.deepEqual(t.rankWithGain(LS, "0.0000000000000000000000000001"), t.rankWithGain(LS, 0));
  // Not numbers at all.
  for (const junk of ["abc", "1e", "e5", "1.2.3", "0x10", "Infinity"]) {
    throwsCode(() => t.rankIf(LS, junk), "INVALID_ARGUMENT", { argument: "score", message: /is not a decimal number/ });
  }
  // Whole numbers: seeds and counts are integers (a number up to 2⁵³ or a BigInt for a seed);
  // anything else names the option.
  const o = { province: LS, gain: 2, targetRank: 30, scenarios: 100 };
  throwsCode(() => t.simulate({ ...o, seed: "99999999999999999999999" }), "INVALID_ARGUMENT", { argument: "options.seed" });
  throwsCode(() => t.simulate({ ...o, seed: 2 ** 60 }), "INVALID_ARGUMENT", { argument: "options.seed" });
  throwsCode(() => t.simulate({ ...o, seed: 2n ** 70n }), "INVALID_ARGUMENT", { argument: "options.seed", message: /out of range/ });
  assert.deepEqual(t.simulate({ ...o, seed: 7n }), t.simulate({ ...o, seed: 7 }));
  throwsCode(() => t.simulate({ ...o, scenarios: 1e20 }), "INVALID_ARGUMENT", { argument: "options.scenarios" });
  throwsCode(() => t.simulate({ ...o, scenarios: "1e2" }), "INVALID_ARGUMENT", { argument: "options.scenarios" });
});

test("UNKNOWN_CODE says within what: the framework, in the message and in details.within", () => {
  const fw = Framework.forYear("par", 2023);
  const e = throwsCode(() => Scorecard.fromPoints(fw, LS, { 99: 1 }), "UNKNOWN_CODE", {
    code: "99", details: { code: "99", within: "framework par-2022" },
  });
  assert.match(e.message, /unknown code `99` in framework par-2022/);
  const card = new Scorecard(Framework.builtin("par-2024"), LS);
  throwsCode(() => card.set("9.9", 1), "UNKNOWN_CODE", { details: { code: "9.9", within: "framework par-2024" } });
  throwsCode(() => fw.maxPoints("x"), "UNKNOWN_CODE", { details: { code: "x", within: "framework par-2022" } });
});

test("a freed object throws, it does not read freed memory", () => {
  const t = published("par", 2023);
  t.free();
  assert.throws(() => t.rank(LS));
});

test("NOT_FOUND from a loader names its file", () => {
  throwsCode(() => LeagueTable.fromCsv("year,province,score\n2022,Lạng Sơn,85\n", { ...opts, label: "t.csv" }), "NOT_FOUND", { file: "t.csv" });
  throwsCode(
    () => Scorecard.fromCsv(testdata("published/par_index_scorecards.csv"), Framework.builtin("par-2022"), "Hà Giang", { year: 2023, label: "sc.csv" }),
    "NOT_FOUND",
    { file: "sc.csv" },
  );
});
