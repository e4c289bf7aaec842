// Agencies on the worked example of testdata/agency/ (an example, not official data): the
// same calls and figures as the Rust and Python tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Assignments, Framework, Scorecard, Units, scorecardsFromLong, progressSummary } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

const NV = "Phòng Nội vụ";
const VH = "Phòng Văn hóa và Thông tin";
const VP = "Văn phòng HĐND và UBND huyện";
const MC = "Bộ phận Một cửa";
const KT = "Phòng Kinh tế và Hạ tầng";
const TC = "Phòng Tài chính - Kế hoạch";
const TN = "Phòng Tài nguyên và Môi trường";
const TP = "Phòng Tư pháp";

const fw = () => Framework.fromCsv(testdata("agency/framework_district.csv"), { id: "district-example" });
const annex = (f) => Assignments.fromCsv(testdata("agency/assignments_district.csv"), f);
const long = () => testdata("agency/scorecards_district.csv");

test("the annex: spellings unified, inheritance, unassigned leaves", () => {
  const a = annex(fw());
  assert.deepEqual(a.unassigned, ["5.3"]);
  assert.deepEqual(a.agencies(), [NV, VH, TP, TN, VP, MC, TC, KT]);
  assert.equal(a.leadOf("3.1.2"), VP);
  assert.equal(a.leadOf("6.3.2"), VH);
  assert.equal(a.leadOf("5.3"), undefined);
  const json = a.toJSON();
  assert.equal(json.items.length, 17);
  assert.deepEqual(json.items.find((i) => i.code === "3.3").row, 9);
});

test("accountability: lost per agency, year-over-year change, ranks at stake", () => {
  const f = fw();
  const a = annex(f);
  const now = Units.fromLong(long(), f, { year: 2024 });
  const before = scorecardsFromLong(long(), f, { year: 2023 });
  const table = now.leagueTable();
  const card = scorecardsFromLong(long(), f, { year: 2024 })["Hữu Lũng"];
  const acc = card.accountability(a, table, before["Hữu Lũng"]);
  // Decimal strings as the core writes them (the scale of the input kept); compared as numbers.
  const lost = Object.fromEntries(acc.rows.map((r) => [r.agency, Number(r.lost)]));
  assert.deepEqual(lost, { [MC]: 1.82, [KT]: 2.19, [NV]: 1.5, [TC]: 0, [TN]: 0, [TP]: 0, [VH]: 1.5, [VP]: 0 });
  assert.equal(Number(acc.totalLost), 10.01);
  assert.equal(Number(acc.unassignedLost), 3);
  const vp = acc.rows.find((r) => r.agency === VP);
  assert.equal(Number(vp.lostPrevious), 6);
  assert.equal(Number(vp.change), -6);
  assert.deepEqual(vp.codes, ["3.1", "3.3"]);
  // The previous card is still usable after the call.
  assert.equal(before["Hữu Lũng"].total(), "76.63");
  const cl = scorecardsFromLong(long(), f, { year: 2024 })["Cao Lộc"].accountability(a, table);
  assert.deepEqual(cl.rows.map((r) => r.ranksAtStake), [1, 1, 1, 1, 1, 0, 0, 0]);
  // Ranks as the rank-gain table's rows: numbers (the estimate) with their best and worst.
  for (const r of cl.rows) {
    assert.equal(typeof r.rankIfRecovered, "number", JSON.stringify(r));
    assert.ok(r.rankIfRecoveredBest <= r.rankIfRecovered && r.rankIfRecovered <= r.rankIfRecoveredWorst, JSON.stringify(r));
    assert.ok(r.ranksAtStakeWorst <= r.ranksAtStake && r.ranksAtStake <= r.ranksAtStakeBest, JSON.stringify(r));
    assert.ok(!("ranksAtStakeBounds" in r));
  }
  assert.equal(cl.rows[0].agency, NV);
  assert.equal(Number(cl.rows[0].lost), 9);
  assert.equal(cl.rows[0].lostPrevious, null);
});

test("appraisal: cuts, claims without evidence, the evidence-backed what-if", () => {
  const f = fw();
  const units = Units.fromLong(long(), f, { year: 2024 });
  const table = units.leagueTable();
  const cards = Object.fromEntries(units.units().map((u, i) => [u, units.scorecards()[i]]));
  const r = cards["Cao Lộc"].appraisal(annex(f), table);
  assert.equal(Number(r.totalCut), 4.5);
  assert.deepEqual(r.unsupported, ["3.2", "4.1", "6.3.1"]);
  const w = r.whatIf;
  assert.deepEqual([w.pointsAdded, w.pointsBefore, w.pointsAfter].map(Number), [6, 76.48, 82.48]);
  assert.deepEqual([w.rankBefore, w.rankAfter], [8, 7]);
  assert.ok(w.rankAfterBest <= w.rankAfter && w.rankAfter <= w.rankAfterWorst, JSON.stringify(w));
  assert.deepEqual([w.bandBefore, w.bandAfter], ["C", "B"]);
});

test("many units equal the scorecards built one by one", () => {
  const f = fw();
  const cards = scorecardsFromLong(long(), f, { year: 2023 });
  assert.equal(Object.keys(cards).length, 11);
  for (const [unit, card] of Object.entries(cards)) {
    const one = Scorecard.fromCsv(long(), f, unit, { year: 2023 });
    assert.equal(card.total(), one.total(), unit);
  }
  throwsCode(() => Units.fromLong(long(), f), "INVALID_ARGUMENT");
});

test("validate lists every planted fault with its row; the loader throws them together", () => {
  const f = fw();
  const bad = testdata("agency/bad/scorecards_faults.csv");
  const problems = Units.validate(bad, f);
  assert.deepEqual(
    problems.map((e) => [e.kind, e.row]),
    [["UNKNOWN_CODE", 3], ["INVALID_NUMBER", 4], ["ABOVE_MAX", 5], ["NEGATIVE", 6], ["MISSING_FIELD", 7], ["DUPLICATE_CODE", 9], ["RULE", 10]],
  );
  const e = throwsCode(() => Units.fromLong(bad, f), "INVALID");
  assert.deepEqual(e.details.errors.map((x) => x.row), [3, 4, 5, 6, 7, 9, 10]);
  const annexProblems = Assignments.validate(testdata("agency/bad/assignments_faults.csv"), f);
  assert.deepEqual(annexProblems.map((x) => [x.kind, x.row]), [["UNKNOWN_CODE", 3], ["MISSING_FIELD", 4], ["DUPLICATE_CODE", 6]]);
});

test("progress summary at 6, 9 and 12 months", () => {
  const f = fw();
  const now = Units.fromLong(long(), f, { year: 2024 });
  const before = Units.fromLong(long(), f, { year: 2023 });
  const table = now.leagueTable();
  const card = now.scorecards()[now.units().indexOf("Cao Lộc")];
  const item = (code, status, expectedPoints) => ({ code, status, expectedPoints });
  const rows = progressSummary(
    card,
    {
      "6 tháng": [item("1", "done", "2"), item("5.3", "pending", "1"), item("1", "in_progress", "2")],
      "9 tháng": [item("1", "done", "2"), item("5.3", "done", "1"), item("1", "in_progress", "2")],
      "năm": [item("1", "done", "2"), item("5.3", "done", "1"), item("1", "done", "2")],
    },
    table,
    { targetRank: 7, changes: now.changes(before) },
  );
  assert.deepEqual(rows.map((r) => Number(r.projectedPoints)), [78.48, 79.48, 81.48]);
  assert.deepEqual(rows.map((r) => r.projectedRank.estimate), [7, 7, 7]);
  assert.ok(rows[0].pTarget <= rows[1].pTarget && rows[1].pTarget <= rows[2].pTarget);
});

test("Assignments.fromRows: plain objects, the twin of from_pandas", () => {
  const f = fw();
  const a = annex(f);
  const items = a.toJSON().items;
  // The annex's own rows as objects (English keys, coordinating as an array) read back alike.
  const rows = items.map(({ row, ...rest }) => rest);
  const b = Assignments.fromRows(rows, f);
  const strip = (xs) => xs.map(({ row, ...rest }) => rest);
  assert.deepEqual(strip(b.toJSON().items), strip(items));
  assert.deepEqual(b.unassigned, a.unassigned);
  assert.equal(b.toJSON().items[0].row, 2); // the first object is row 2, as under a header
  // Vietnamese headers as keys, as a sheet read with SheetJS gives them.
  const vi = Assignments.fromRows([{ STT: "1", "Nội dung": "Chỉ đạo điều hành", "Cơ quan chủ trì": NV }], f);
  assert.equal(vi.leadOf("1.2"), NV);
  // An unknown code is named with its row.
  throwsCode(() => Assignments.fromRows([{ code: "9.9", lead: NV }], f), "UNKNOWN_CODE");
  throwsCode(() => Assignments.fromRows("not rows", f), "INVALID_ARGUMENT");
});

test("fromExcel: the example's workbooks read as their CSV twins", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { repoRoot } = await import("./helpers.mjs");
  const bytes = (name) => readFileSync(join(repoRoot, "testdata", "agency", name));
  const f = fw();
  const a = annex(f);
  const x = Assignments.fromExcel(bytes("assignments_district.xlsx"), f, { sheet: "Phụ lục" });
  const strip = (xs) => xs.map(({ row, ...rest }) => rest);
  assert.deepEqual(strip(x.toJSON().items), strip(a.toJSON().items));
  assert.deepEqual(x.toJSON().items.map((i) => i.row), a.toJSON().items.map((i) => i.row + 2));
  const csv = Units.fromLong(long(), f, { year: 2024 });
  const u = Units.fromExcel(bytes("scorecards_district.xlsx"), f, { year: 2024, sheet: 0 });
  assert.deepEqual(u.units(), csv.units());
  assert.deepEqual(
    u.scorecards().map((c) => c.total()),
    csv.scorecards().map((c) => c.total()),
  );
});
