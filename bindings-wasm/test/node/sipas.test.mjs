// SIPAS from survey answers: the hand-computed fixtures of testdata/sipas/ (values worked out
// in core/tests/sipas.rs), every input form, every malformed file with its code, row and
// column, what-if, league tables, and the seeded bootstrap against the core's golden values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sipasFromAnswers, Survey, SipasResult, SipasBootstrap, Framework, LeagueTable } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

const mini = Framework.fromJson(testdata("sipas/mini-framework.json"), "mini-framework.json");
const text = (name) => testdata(`sipas/${name}`);

/** `a / b` to 20 decimals, as the Rust and Python tests compare (exact to the 20th digit). */
function q(a, b) {
  let digits = "";
  let r = BigInt(a) % BigInt(b);
  const whole = BigInt(a) / BigInt(b);
  for (let i = 0; i < 21; i++) {
    r *= 10n;
    digits += String(r / BigInt(b));
    r %= BigInt(b);
  }
  return round20(`${whole}.${digits}`);
}
/** A decimal string rounded half-up to 20 decimals (exact, on the digits). */
function round20(s) {
  const [whole, frac = ""] = s.split(".");
  const padded = (frac + "0".repeat(21)).slice(0, 21);
  let n = BigInt(whole + padded.slice(0, 20));
  if (Number(padded[20]) >= 5) n += 1n;
  const t = n.toString().padStart(21, "0");
  return `${t.slice(0, -20)}.${t.slice(-20)}`;
}
const r20 = (s) => round20(s);

test("top-2 rule, item mean, by hand (mini fixtures)", () => {
  const res = sipasFromAnswers(text("mini-long.csv"), { framework: mini, decimals: 20 });
  assert.ok(res instanceof SipasResult);
  assert.deepEqual([res.rule, res.aggregation, res.tiePolicy, res.weighted], ["top2", "item_mean", "competition", false]);
  assert.deepEqual([res.framework, res.label, res.year], ["mini-sipas", "answers.csv", null]);
  // Alpha: (50 + 200/3 + 200/3 + 75 + 50) / 5 = 185/3 = 61.67; Beta: 200/3 = 66.67, first.
  assert.equal(r20(res.index("Alpha")), q(185, 3));
  assert.equal(Number(res.index("Alpha")).toFixed(2), "61.67");
  assert.equal(r20(res.index("beta")), q(200, 3), "units matched ignoring case");
  assert.deepEqual([res.rank("Alpha"), res.rank("Beta")], [2, 1]);
  assert.equal(r20(res.value("Alpha", "P")), q(175, 3));
  assert.equal(r20(res.value("Alpha", "S")), q(575, 9));
  assert.equal(r20(res.value("Alpha", "S.1")), q(425, 6));
  assert.equal(res.value("Alpha", "S.2"), "50");
  assert.equal(res.value("Alpha", "S.1.2"), "75");
  throwsCode(() => res.value("Alpha", "Z.9"), "UNKNOWN_CODE", { code: "Z.9" }); // not null: an unknown code is an error
  assert.deepEqual(res.units(), ["Alpha", "Beta"]);
  assert.deepEqual(res.items(), ["P.1.1", "P.1.2", "S.1.1", "S.1.2", "S.2.1"]);
  assert.deepEqual(res.nodes().map((n) => n.code), ["P", "P.1", "S", "S.1", "S.2"]);
  assert.deepEqual(res.nodes()[0], { code: "P", key: "P", nameVi: "Chính sách", nameEn: "Policy", level: "domain", depth: 1, items: 2 });
  const detail = res.unitDetail("Alpha");
  const item = (code) => detail.items.find((i) => i.code === code);
  assert.deepEqual(
    [item("P.1.2").valid, item("P.1.2").satisfied, item("P.1.2").missing, item("P.1.2").dontKnow],
    [3, 2, 1, 0],
  );
  assert.deepEqual([item("S.1.1").valid, item("S.1.1").dontKnow], [3, 1]);
  assert.equal(item("S.1.2").satisfaction, "75");
  assert.deepEqual([detail.respondents, detail.rank, detail.itemsWithoutAnswers, detail.row], [4, 2, [], 2]);
  assert.equal(detail.weightTotal, null);
  assert.equal(detail.nodes["S.2"], "50");
  throwsCode(() => res.index("Gamma"), "NOT_FOUND", { family: "input", message: /Alpha/ });
});

test("rows(): one plain object per unit, Python's to_pandas() columns in camelCase", () => {
  const rows = sipasFromAnswers(text("mini-wide.csv"), { framework: mini, decimals: 20 }).rows();
  assert.equal(rows.length, 2);
  assert.deepEqual(Object.keys(rows[0]), ["unit", "sipas", "P", "S", "P.1", "S.1", "S.2", "n", "rank"]);
  assert.deepEqual([rows[0].unit, rows[0].n, rows[0].rank, rows[0]["S.2"]], ["Alpha", 4, 2, "50"]);
  assert.equal(r20(rows[1].sipas), q(200, 3));
  // The 2023–2026 framework (1001/QĐ-BNV): domains, the 4 contents, the 5 elements.
  const fw = Framework.builtin("sipas-2023");
  const records = [];
  for (const [unit, answers] of [["Lạng Sơn", [5, 4, 2]], ["Cao Bằng", [3, 3, 4]]]) {
    answers.forEach((a, r) => {
      for (const item of fw.leafCodes()) records.push({ respondent: `${unit}-${r}`, unit, item, answer: a });
    });
  }
  // A missing answer as NaN (as a pandas column would have it) or null.
  records.find((x) => x.respondent === "Lạng Sơn-2" && x.item === "A.1.1").answer = NaN;
  const res = sipasFromAnswers(records, { rule: "top2", decimals: 20 });
  assert.equal(res.framework, "sipas-2023");
  assert.match(res.decision, /^1001\/QĐ-BNV/);
  const byUnit = Object.fromEntries(res.rows().map((r) => [r.unit, r]));
  assert.deepEqual(Object.keys(byUnit["Lạng Sơn"]), [
    "unit", "sipas", "policy", "service", "information", "participation", "implementation", "impact",
    "access", "procedures", "civilServants", "results", "feedback", "n", "rank",
  ]);
  // Lạng Sơn: 2 of 3 satisfied on 38 items, 2 of 2 on A.1.1 → (38 × 200/3 + 100) / 39 = 7900/117.
  assert.equal(r20(res.index("Lạng Sơn")), q(7900, 117));
  assert.equal(r20(res.index("Cao Bằng")), q(100, 3));
  assert.deepEqual([byUnit["Lạng Sơn"].n, byUnit["Lạng Sơn"].rank], [3, 1]);
  assert.equal(res.unitDetail("Lạng Sơn").items.find((i) => i.code === "A.1.1").valid, 2);
  assert.equal(res.value("Cao Bằng", "civilServants"), res.value("Cao Bằng", "B.3"));
  assert.equal(res.value("Cao Bằng", "civil_servants"), res.value("Cao Bằng", "B.3"));
  assert.equal(res.nodes().find((n) => n.code === "B.3").key, "civilServants");
});

test("rules and aggregations, by hand", () => {
  const survey = Survey.fromCsv(text("mini-wide.csv"), { framework: mini });
  // Domain mean: (175/3 + 575/9) / 2 = 550/9 = 61.11.
  assert.equal(r20(survey.compute({ aggregation: "domain_mean", decimals: 20 }).index("Alpha")), q(550, 9));
  // Element mean: (175/3 + 425/6 + 50) / 3 = 1075/18 = 59.72; domain S = (425/6 + 50) / 2 = 725/12.
  const em = survey.compute({ aggregation: "element_mean", decimals: 20 });
  assert.equal(r20(em.index("Alpha")), q(1075, 18));
  assert.equal(r20(em.value("Alpha", "S")), q(725, 12));
  assert.equal(em.aggregation, "element_mean");
  // Mean rescaled, (mean − 1) / 4 × 100: SIPAS = 775/12 = 64.58; Beta 200/3 ranks first.
  const mean = survey.compute({ rule: "mean", decimals: 20 });
  assert.equal(r20(mean.index("Alpha")), q(775, 12));
  assert.equal(mean.unitDetail("Alpha").items[0].satisfaction, "56.25");
  assert.deepEqual([mean.rank("Beta"), mean.rank("Alpha")], [1, 2]);
  assert.equal(survey.compute({ year: 2024 }).year, 2024);
  throwsCode(() => survey.compute({ rule: "top3" }), "INVALID_ARGUMENT", { argument: "options.rule", message: /^invalid `options.rule`:/ });
  throwsCode(() => survey.compute({ aggregation: "median" }), "INVALID_ARGUMENT", { argument: "options.aggregation" });
  throwsCode(() => survey.compute({ tiePolicy: "alphabetical" }), "INVALID_ARGUMENT", { argument: "options.tiePolicy" });
  throwsCode(() => survey.compute({ rules: "mean" }), "INVALID_ARGUMENT", { argument: "options", message: /unknown key `rules`/ });
});

test("every input form gives the same result", () => {
  const base = sipasFromAnswers(text("mini-wide.csv"), { framework: mini }).rows();
  const csvRecords = text("mini-long.csv").trim().split("\n").slice(1).map((line) => {
    const [respondent, unit, item, answer] = line.split(",");
    return { respondent, unit, item, answer: answer === "" ? null : answer };
  });
  const forms = {
    "long CSV": sipasFromAnswers(text("mini-long.csv"), { framework: mini }),
    "long JSON text": sipasFromAnswers(text("mini-long.json"), { framework: mini }),
    "wide JSON text": sipasFromAnswers(text("mini-wide.json"), { framework: mini }),
    "long records": sipasFromAnswers(JSON.parse(text("mini-long.json")), { framework: mini }),
    "wide records": sipasFromAnswers(
      JSON.parse(text("mini-wide.json")).map(({ answers, ...who }) => ({ ...who, ...answers })),
      { framework: mini },
    ),
    "records from CSV lines": sipasFromAnswers(csvRecords, { framework: mini }),
    "Survey.fromJson": Survey.fromJson(text("mini-long.json"), { framework: mini }).compute(),
    "Survey.fromAnswers": Survey.fromAnswers(csvRecords, { framework: mini }).compute(),
    "Survey.fromCsv wide": Survey.fromCsv(text("mini-wide.csv"), { framework: mini, layout: "wide" }).compute(),
    "framework by JSON round trip": sipasFromAnswers(text("mini-long.csv"), { framework: Framework.fromJson(mini.toJson()) }),
    "Vietnamese keys": sipasFromAnswers(
      csvRecords.map((r) => ({ "mã phiếu": r.respondent, "đơn vị": r.unit, item: r.item, answer: r.answer })),
      { framework: mini },
    ),
  };
  for (const [name, res] of Object.entries(forms)) assert.deepEqual(res.rows(), base, name);
  assert.equal(forms["long records"].label, "answers");
  assert.equal(forms["long JSON text"].label, "answers.json");
  assert.equal(mini.id, "mini-sipas", "a Framework passed in options stays usable");
});

test("weights: 1s give the unweighted result; a heavier respondent moves it", () => {
  const plain = sipasFromAnswers(text("mini-wide.csv"), { framework: mini });
  const ones = sipasFromAnswers(text("mini-wide-weights1.csv"), { framework: mini });
  assert.ok(ones.weighted);
  assert.equal(ones.index("Alpha"), plain.index("Alpha"));
  assert.equal(ones.rows()[0].weightTotal, "4");
  // a1 weighs 2: P.1.1 → 3 of 5 = 60, S.2.1 → 2 of 5 = 40, S.1.1 → 2 of 4 = 50.
  const heavy = sipasFromAnswers(text("mini-wide-weighted.csv"), { framework: mini });
  const items = Object.fromEntries(heavy.unitDetail("Alpha").items.map((i) => [i.code, i]));
  assert.deepEqual([items["P.1.1"].satisfaction, items["S.2.1"].satisfaction, items["S.1.1"].satisfaction], ["60", "40", "50"]);
  assert.equal(items["S.1.1"].validWeight, "4");
  assert.equal(heavy.unitDetail("Alpha").weightTotal, "5");
  assert.ok(Survey.fromCsv(text("mini-wide-weighted.csv"), { framework: mini }).isWeighted);
});

test("the published 2024 national figure: (23 × 83.84 + 16 × 84.09) / 39 = 83.94", () => {
  // Four weighted respondents make every policy item 83.84% and every service item 84.09%.
  const fw = Framework.builtin("sipas-2023");
  const records = [];
  for (const item of fw.leafCodes()) {
    const policy = item.startsWith("A.");
    for (const [id, weight, a, b] of [["r1", 8384, "5", null], ["r2", 1616, "1", null], ["r3", 8409, null, "4"], ["r4", 1591, null, "2"]]) {
      records.push({ respondent: id, unit: "Toàn quốc", item, answer: policy ? a : b, weight });
    }
  }
  const res = sipasFromAnswers(records, { label: "national-2024", decimals: 20 });
  assert.equal(res.value("Toàn quốc", "policy"), "83.84");
  assert.equal(res.value("Toàn quốc", "service"), "84.09");
  assert.equal(r20(res.index("Toàn quốc")), round20("83.94256410256410256410"));
  assert.equal(Number(res.index("Toàn quốc")).toFixed(2), "83.94");
  // Mean of the domains: (83.84 + 84.09) / 2 = 83.965 → 83.97, not the published figure.
  assert.equal(r20(Survey.fromAnswers(records).compute({ aggregation: "domain_mean", decimals: 20 }).index("Toàn quốc")), round20("83.965"));
});

// The malformed files of testdata/sipas/bad/ and what core/tests/sipas_errors.rs asserts.
const SCALE = /^answers are 1–5/;
const BAD = [
  ["answer-zero.csv", "INVALID_ANSWER", 3, "answer", { code: "P.1.2", value: "0", reason: SCALE }],
  ["answer-six-wide.csv", "INVALID_ANSWER", 3, "P.1.2", { value: "6", reason: SCALE }],
  ["answer-text.csv", "INVALID_ANSWER", 3, "answer", { message: /`good`/, value: "good", reason: /not a number/ }],
  ["answer-seven.json", "INVALID_ANSWER", 2, "answer", { value: "7", reason: SCALE }],
  ["unknown-item.csv", "UNKNOWN_CODE", 3, "item", { code: "P.9.9" }],
  ["unknown-column-wide.csv", "UNKNOWN_CODE", 1, "S.9.9", {}],
  ["duplicate-pair.csv", "DUPLICATE_ANSWER", 4, "item", { details: { respondent: "r1", item: "P.1.1", first: "row 2" } }],
  ["unit-no-answers-wide.csv", "NO_ANSWERS", 3, "unit", { code: "Beta", details: { unit: "Beta" } }],
  ["missing-answer-column.csv", "MISSING_FIELD", 1, "answer", {}],
  ["ragged-row.csv", "MALFORMED", 3, null, {}],
  ["unclosed-quote.csv", "MALFORMED", 2, null, {}],
  ["truncated.json", "MALFORMED", 3, null, {}],
  ["weight-zero-wide.csv", "INVALID_ANSWER", 3, "weight", { value: "0", reason: /positive/ }],
  ["respondent-two-units.csv", "MALFORMED", 3, "unit", { message: /`Alpha` at row 2/ }],
];

for (const [name, code, row, column, more] of BAD) {
  test(`bad/${name}: ${code} at row ${row}${column ? `, column ${column}` : ""}`, () => {
    const input = text(`bad/${name}`);
    const read = name.endsWith(".json") ? Survey.fromJson : Survey.fromCsv;
    const { value, reason, ...props } = more;
    const e = throwsCode(() => read(input, { framework: mini, label: name, requireAllItems: false }), code, {
      family: "data", file: name, row, ...props,
    });
    if (value !== undefined) {
      assert.equal(e.details.value, value);
      assert.match(e.details.reason, reason);
    }
    if (column !== null) {
      assert.equal(e.column, column);
      assert.match(e.message, new RegExp(`column \`${column.replace(/\./g, "\\.")}\``));
    }
    assert.match(e.message, new RegExp(`row ${row}`));
    // sipasFromAnswers (every item required, as Python's) stops at the same cell.
    throwsCode(() => sipasFromAnswers(input, { framework: mini, label: name }), code, { file: name, row });
  });
}

test("records are read as the CSV of their keys: errors name row i + 2 (as a DataFrame's in Python) and the column", () => {
  const records = JSON.parse(text("mini-long.json"));
  records[5].answer = 7;
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "INVALID_ANSWER", {
    file: "answers", row: 7, column: "answer", code: records[5].item, message: /`7` is not valid: answers are 1–5/,
  });
  records[5].answer = 4.5;
  throwsCode(() => sipasFromAnswers(records, { framework: mini, label: "khảo sát 2024" }), "INVALID_ANSWER", {
    file: "khảo sát 2024", row: 7, column: "answer",
  });
  records[5].answer = true;
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "INVALID_ANSWER", { row: 7, message: /`true`/ });
  records[5].answer = { value: 4 };
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "INVALID_ARGUMENT", { argument: "answers[5].answer" });
  records[5] = { ...records[4] };
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "DUPLICATE_ANSWER", {
    row: 7, column: "item", details: { respondent: records[4].respondent, item: records[4].item, first: "row 6" },
  });
  records[5] = "a1,Alpha,P.1.1,5";
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "INVALID_ARGUMENT", {
    argument: "answers[5]", message: /answer object/,
  });
  records[5] = { respondent: "a9", unit: "Alpha", item: "P.1.1", answer: 4n };
  throwsCode(() => sipasFromAnswers(records, { framework: mini }), "INVALID_ARGUMENT", { argument: "answers", message: /BigInt/ });
  // A key some records lack is an empty cell: a missing answer.
  const long = JSON.parse(text("mini-long.json"));
  const withoutNulls = long.map(({ answer, ...rest }) => (answer === null ? rest : { ...rest, answer }));
  assert.deepEqual(sipasFromAnswers(withoutNulls, { framework: mini }).rows(), sipasFromAnswers(long, { framework: mini }).rows());
  throwsCode(() => sipasFromAnswers([], { framework: mini }), "MISSING_FIELD");
});

test("reading options: don't-know and missing codes, units that must be present, layout, columns", () => {
  const nine = text("mini-long.csv").replace(/,dk/g, ",9");
  const base = sipasFromAnswers(text("mini-long.csv"), { framework: mini });
  assert.equal(sipasFromAnswers(nine, { framework: mini, dontKnow: ["9"] }).index("Alpha"), base.index("Alpha"));
  throwsCode(() => sipasFromAnswers(nine, { framework: mini }), "INVALID_ANSWER", { message: /`9` is not valid/ });
  const minus = text("mini-long.csv").replace(/,(\n)/g, ",-1$1");
  assert.equal(sipasFromAnswers(minus, { framework: mini, missing: ["-1"] }).index("Alpha"), base.index("Alpha"));
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: mini, units: ["Alpha", "Gamma"] }), "NO_ANSWERS", {
    column: "unit", message: /`Gamma`/, details: { unit: "Gamma" },
  });
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: mini, layout: "diagonal" }), "INVALID_ARGUMENT", {
    argument: "options.layout",
  });
  const districts = "respondent,province,district,item,answer\nr1,Lạng Sơn,Huyện A,P.1.1,4\nr2,Lạng Sơn,Huyện B,P.1.1,2\n";
  throwsCode(() => Survey.fromCsv(districts, { framework: mini, requireAllItems: false }), "MALFORMED", { message: /several unit columns/ });
  const s = Survey.fromCsv(districts, { framework: mini, requireAllItems: false, unitColumn: "district" });
  assert.deepEqual(s.units(), ["Huyện A", "Huyện B"]);
  throwsCode(() => Survey.fromCsv(text("bad/unknown-column-wide.csv"), { framework: mini, requireAllItems: false }), "UNKNOWN_CODE");
  assert.ok(Survey.fromCsv(text("bad/unknown-column-wide.csv"), { framework: mini, ignoreColumns: ["S.9.9"] }));
  throwsCode(() => Survey.fromCsv("respondent,unit,P.1.1\nr1,A,4\n", { framework: mini }), "MISSING_FIELD", {
    row: 1, column: "P.1.2",
  });
  const weights = text("mini-wide-weighted.csv").replace("weight", "w");
  assert.ok(Survey.fromCsv(weights, { framework: mini, weightColumn: "w" }).isWeighted);
  // Options are checked: unknown keys, wrong types, a framework that is neither an id nor a Framework.
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: mini, ignoreColumn: [] }), "INVALID_ARGUMENT", {
    argument: "options", message: /unknown key `ignoreColumn`/,
  });
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: mini, units: "Alpha" }), "INVALID_ARGUMENT", {
    argument: "options.units",
  });
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: 2023 }), "INVALID_ARGUMENT", { argument: "options.framework" });
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: { id: "mini" } }), "INVALID_ARGUMENT", {
    argument: "options.framework",
  });
  throwsCode(() => sipasFromAnswers(text("mini-long.csv"), { framework: "sipas-1999" }), "NOT_FOUND");
  throwsCode(() => sipasFromAnswers(42), "INVALID_ARGUMENT", { argument: "answers", message: /a number/ });
  throwsCode(() => Survey.fromAnswers("respondent,unit\n"), "INVALID_ARGUMENT", { argument: "answers" });
  throwsCode(() => Survey.fromCsv(null), "INVALID_ARGUMENT", { argument: "text" });
});

test("a survey: units, items, respondents, round trips through CSV", () => {
  const s = Survey.fromCsv(text("mini-wide.csv"), { framework: mini, label: "mini-wide.csv" });
  assert.deepEqual([s.units(), s.respondentCount, s.isWeighted, s.label], [["Alpha", "Beta"], 7, false, "mini-wide.csv"]);
  assert.deepEqual([s.respondents("Alpha"), s.respondents("Gamma")], [4, null]);
  assert.deepEqual(s.items(), ["P.1.1", "P.1.2", "S.1.1", "S.1.2", "S.2.1"]);
  assert.equal(s.framework.id, "mini-sipas");
  const again = [Survey.fromCsv(s.toLongCsv(), { framework: mini }), Survey.fromCsv(s.toWideCsv(), { framework: mini })];
  for (const other of again) assert.deepEqual(other.compute().rows(), s.compute().rows());
  assert.match(s.toLongCsv(), /^respondent,unit,item,answer\n/);
  const csv = s.compute().toCsv(true);
  assert.match(csv, /^unit,sipas,P,P\.1,S,S\.1,S\.2,respondents,rank,rule,aggregation,P\.1\.1,P\.1\.1_valid,/);
  assert.equal(s.compute().toCsv().split("\n")[0], "unit,sipas,P,P.1,S,S.1,S.2,respondents,rank,rule,aggregation");
});

test("what-if: add to a node, set a node, capped items; the other units stay", () => {
  const res = sipasFromAnswers(text("mini-long.csv"), { framework: mini, decimals: 20 });
  const w = res.whatIf("Alpha", { "S.2": 20 });
  assert.deepEqual(Object.keys(w), ["unit", "sipasBefore", "sipasAfter", "rankBefore", "rankAfter", "of", "nodesAfter", "cappedItems"]);
  assert.deepEqual([w.sipasBefore, w.rankBefore, w.of], [res.index("Alpha"), 2, 2]);
  assert.equal(w.nodesAfter["S.2"], "70");
  assert.equal(r20(w.sipasAfter), q(185 * 5 + 60, 15), "+20 on one of 5 items: +4");
  assert.deepEqual(res.whatIf("Alpha", [{ code: "S.2", add: "20" }]), w, "the array form gives the same");
  // +25 on S.2: (925/3 + 25) / 5 = 200/3, equal to Beta's: a shared #1.
  assert.deepEqual([res.whatIf("Alpha", [{ code: "S.2", add: 25 }]).rankAfter], [1]);
  const up = res.whatIf("Alpha", { sipas: { set: 70 } });
  assert.equal(round20(up.sipasAfter), round20("70"));
  assert.deepEqual([up.rankAfter, up.of], [1, 2]);
  assert.deepEqual(res.whatIf("Alpha", { "S.1.2": { add: 40 } }).cappedItems, ["S.1.2"]);
  assert.deepEqual(res.whatIf("Alpha", [{ code: "sipas", add: 50 }]).cappedItems, ["P.1.2", "S.1.1", "S.1.2"]);
  assert.equal(res.rank("Alpha"), 2, "nothing is mutated");
  throwsCode(() => res.whatIf("Alpha", { "Z.9": 1 }), "UNKNOWN_CODE", { code: "Z.9" });
  throwsCode(() => res.whatIf("Gamma", {}), "NOT_FOUND");
  throwsCode(() => res.whatIf("Alpha", { "S.2": 150 }), "INVALID_ARGUMENT", { argument: 'changes["S.2"]', message: /150 is outside −100..=100/ });
  throwsCode(() => res.whatIf("Alpha", { S: { set: -1 } }), "INVALID_ARGUMENT", { argument: 'changes["S"].set', message: /0–100 percent/ });
  throwsCode(() => res.whatIf("Alpha", [{ code: "S", add: "-100.5" }]), "INVALID_ARGUMENT", { argument: "changes[0].add" });
  throwsCode(() => res.whatIf("Alpha", { "S.2": { add: 1, set: 2 } }), "INVALID_ARGUMENT", {
    argument: 'changes["S.2"]', message: /exactly one of `add` or `set`/,
  });
  throwsCode(() => res.whatIf("Alpha", [{ code: "S.2", sub: 1 }]), "INVALID_ARGUMENT", { argument: "changes[0]" });
  throwsCode(() => res.whatIf("Alpha", 5), "INVALID_ARGUMENT", { argument: "changes" });
  // The 2023 framework by column key, camelCase or not.
  const syn = Survey.synthetic({ units: 10, respondents: 60, seed: 3 }).compute();
  const last = syn.rows().reduce((a, b) => (b.rank > a.rank ? b : a)).unit;
  const p = syn.whatIf(last, { procedures: 5 });
  assert.deepEqual(syn.whatIf(last, [{ code: "B.2", add: 5 }]), p);
  assert.ok(p.rankAfter <= p.rankBefore);
  assert.deepEqual(syn.whatIf(last, { civilServants: 1 }), syn.whatIf(last, { civil_servants: 1 }));
  assert.ok("civilServants" in p.nodesAfter);
});

test("league tables of the units", () => {
  const res = sipasFromAnswers(text("mini-wide.csv"), { framework: mini, year: 2024 });
  const t = res.leagueTable();
  assert.ok(t instanceof LeagueTable);
  assert.deepEqual([t.index, t.year, t.of, t.roster, t.tiePolicy], ["sipas", 2024, 2, "open", "competition"]);
  assert.deepEqual([t.rank("Beta"), t.rank("Alpha")], [1, 2]);
  assert.equal(t.score("Alpha"), res.index("Alpha"));
  assert.deepEqual(t.problems(), []);
  const own = res.leagueTable({ index: "SIPAS sở ngành", year: 2025 });
  assert.deepEqual([own.index, own.year], ["SIPAS sở ngành", 2025]);
  assert.ok(Number(own.pointsToRank("Alpha", 1).high) > 0);
  // Year from the framework when neither the result nor the call gives one (sipas-2023: 2023).
  assert.equal(Survey.synthetic({ units: 3, respondents: 20 }).compute().leagueTable({ index: "sipas" }).year, 2023);
  throwsCode(() => res.leagueTable({ years: 2025 }), "INVALID_ARGUMENT", { argument: "options" });
});

test("the 2017–2021 framework (2640/QĐ-BNV): the 5 elements, no domain mean", () => {
  const res = sipasFromAnswers("respondent,unit,1,2,3,4,5\nr1,Huyện A,5,4,3,2,1\nr2,Huyện A,4,4,4,4,4\n", {
    framework: "sipas-2017",
  });
  // Elements 100, 100, 50, 50, 50 → SIPAS 70.
  assert.equal(res.index("Huyện A"), "70");
  assert.match(res.decision, /2640/);
  assert.deepEqual(Object.keys(res.rows()[0]), ["unit", "sipas", "access", "procedures", "civilServants", "results", "feedback", "n", "rank"]);
  assert.equal(res.rows()[0].civilServants, "50");
  throwsCode(() => sipasFromAnswers("respondent,unit,1,2,3,4,5\nr1,A,5,4,3,2,1\n", { framework: "sipas-2017", aggregation: "domain_mean" }),
    "INVALID_ARGUMENT", { message: /domain/ });
});

test("bootstrap: seeded, the core's golden values, intervals around the estimates", () => {
  // core/tests/sipas_bootstrap.rs pins these (50 replicates, seed 7; 25 replicates, seed 3).
  const b = Survey.fromCsv(text("mini-wide.csv"), { framework: mini }).bootstrap({ replicates: 50, seed: 7, decimals: 20 });
  assert.ok(b instanceof SipasBootstrap);
  assert.deepEqual([b.replicates, b.seed, b.level, b.rule, b.aggregation, b.tiePolicy, b.weighted], [50, 7, "0.95", "top2", "item_mean", "competition", false]);
  const alpha = b.interval("Alpha");
  assert.deepEqual([alpha.low, alpha.high, alpha.stdError, alpha.replicates], ["51.125", "73.875", "5.513948505192", 50]);
  assert.equal(r20(alpha.estimate), q(185, 3));
  assert.deepEqual(b.rankCounts("Alpha"), [18, 32]);
  assert.deepEqual([b.interval("Beta").low, b.interval("Beta").high], ["0", "100"]);
  assert.equal(b.probabilityAtMost("Alpha", 1), "0.36");
  assert.equal(b.probabilityAtMost("Alpha", 2), "1");
  const syn = Survey.synthetic({ units: 3, respondents: 40, seed: 1 });
  const c = syn.bootstrap({ replicates: 25, seed: 3 });
  const first = syn.units()[0];
  assert.equal(first, "Synthetic unit 01");
  // Shown at the stated precision (4 decimals); the core's golden values at 12.
  assert.deepEqual([c.interval(first).low, c.interval(first).high], ["84.7437", "90.0295"]);
  const c12 = syn.bootstrap({ replicates: 25, seed: 3, decimals: 12 });
  assert.deepEqual([c12.interval(first).low, c12.interval(first).high], ["84.743655152637", "90.029541711073"]);
  assert.deepEqual(c.rankCounts(first), [25, 0, 0]);
  // Rows, as Python's to_pandas(); the same seed gives the same numbers, another seed others.
  const survey = Survey.synthetic({ units: 8, respondents: 150, seed: 3 });
  assert.equal(survey.respondentCount, 1200);
  assert.match(survey.label, /synthetic/);
  const rows = survey.bootstrap({ replicates: 100, seed: 5 }).rows();
  assert.deepEqual(Object.keys(rows[0]), ["unit", "sipas", "sipasLow", "sipasHigh", "sipasSe", "rank", "rankBest", "rankWorst"]);
  for (const r of rows) assert.ok(Number(r.sipasLow) <= Number(r.sipas) && Number(r.sipas) <= Number(r.sipasHigh), r.unit);
  assert.deepEqual(survey.bootstrap({ replicates: 100, seed: 5 }).rows(), rows);
  assert.deepEqual(survey.bootstrap({ replicates: 100, seed: 5n }).rows(), rows);
  assert.notDeepEqual(survey.bootstrap({ replicates: 100, seed: 6 }).rows(), rows);
  assert.equal(survey.bootstrap({ replicates: 100, seed: 5 }).probabilityAtMost(rows[0].unit, 8), "1");
  assert.equal(sum(survey.bootstrap({ replicates: 100, seed: 5 }).rankCounts(rows[0].unit)), 100);
  const mean = survey.bootstrap({ replicates: 20, seed: 5, rule: "mean", level: 0.9 });
  assert.deepEqual([mean.rule, mean.level], ["mean", "0.9"]);
  assert.equal(mean.interval(rows[0].unit).estimate, survey.compute({ rule: "mean" }).index(rows[0].unit));
  // Defaults: 1,000 replicates, seed 20231211, level 0.95.
  const d = Survey.fromCsv(text("mini-wide.csv"), { framework: mini }).bootstrap();
  assert.deepEqual([d.replicates, d.seed, d.level], [1000, 20231211, "0.95"]);
  throwsCode(() => survey.bootstrap({ replicates: 0 }), "INVALID_ARGUMENT", { argument: "options.replicates" });
  throwsCode(() => survey.bootstrap({ replicates: 10, level: 1.5 }), "INVALID_ARGUMENT", { argument: "options.level" });
  throwsCode(() => survey.bootstrap({ replicates: 10, seed: 1.5 }), "INVALID_ARGUMENT", { argument: "options.seed" });
  throwsCode(() => b.interval("Gamma"), "NOT_FOUND");
});

test("synthetic surveys: seeded, weighted, checked", () => {
  const a = Survey.synthetic({ units: 2, respondents: 20, seed: 5 });
  assert.equal(a.toWideCsv(), Survey.synthetic({ units: 2, respondents: 20, seed: 5 }).toWideCsv());
  assert.notEqual(a.toWideCsv(), Survey.synthetic({ units: 2, respondents: 20, seed: 6 }).toWideCsv());
  const w = Survey.synthetic({ units: 3, respondents: 50, weighted: true });
  assert.ok(w.isWeighted && w.compute().weighted);
  assert.ok("weightTotal" in w.compute().rows()[0]);
  assert.equal(Survey.synthetic({ framework: "sipas-2017", units: 3, respondents: 80, seed: 2 }).framework.id, "sipas-2017");
  assert.equal(Survey.synthetic({ framework: mini, units: 2, respondents: 10 }).items().length, 5);
  throwsCode(() => Survey.synthetic({ units: 0 }), "INVALID_ARGUMENT");
  throwsCode(() => Survey.synthetic({ missingPerMille: 600, dontKnowPerMille: 400 }), "INVALID_ARGUMENT");
  throwsCode(() => Survey.synthetic({ respondent: 10 }), "INVALID_ARGUMENT", { argument: "options" });
});

function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}

test("no public output of a SIPAS result, what-if or bootstrap shows more than the stated decimals", () => {
  const places = (v) => {
    const m = /^-?\d+(?:\.(\d+))?$/.exec(String(v));
    // Trailing zeros are no noise digits (a league table shows 79 as "79.00").
    return m && m[1] ? m[1].replace(/0+$/, "").length : 0;
  };
  const counts = /^(rank|rankBest|rankWorst|n|respondents|replicates|valid|satisfied|missing|dontKnow|row|of|counts)$/;
  const leaves = (x, out = []) => {
    if (x !== null && typeof x === "object") {
      for (const [k, v] of Object.entries(x)) if (!counts.test(k) && !/N$/.test(k)) leaves(v, out);
    } else out.push(x);
    return out;
  };
  const survey = Survey.synthetic({ units: 6, respondents: 37, seed: 3 });
  // The exact values carry noise digits: at 20 places they show (the check is not vacuous).
  const fine = survey.compute({ decimals: 20 });
  assert.ok(fine.units().some((u) => places(fine.index(u)) > 4));
  for (const [options, stated] of [[{}, 4], [{ decimals: 2 }, 2], [{ decimals: 0 }, 0]]) {
    const res = survey.compute(options);
    assert.equal(res.decimals, stated);
    const unit = res.units()[0];
    const table = res.leagueTable();
    const boot = survey.bootstrap({ replicates: 40, seed: 1, ...options });
    assert.equal(boot.decimals, stated);
    const outputs = [
      res.units().map((u) => res.index(u)),
      res.nodes().map((n) => res.value(unit, n.key)),
      res.unitDetail(unit),
      res.rows(),
      res.whatIf(unit, { procedures: "1.2345678" }),
      res.whatIf(unit, { sipas: { set: "77.777777" } }),
      res.units().map((u) => table.score(u)),
      res.units().map((_, k) => table.pointsToRank(unit, k + 1)),
      res.units().map((u) => boot.interval(u)),
      boot.rows(),
    ];
    const seen = leaves(outputs).filter((v) => typeof v === "string" || typeof v === "number");
    assert.ok(seen.length > 100, String(seen.length));
    for (const v of seen) assert.ok(places(v) <= stated, `${v} has more than ${stated} decimals`);
    for (const token of res.toCsv(true).split(/[,\n]/)) assert.ok(places(token) <= stated, token);
    assert.ok(places(boot.probabilityAtMost(unit, 2)) <= stated + 2);
    const fromAnswers = sipasFromAnswers(survey.toLongCsv(), options);
    assert.equal(fromAnswers.decimals, stated);
    assert.equal(fromAnswers.index(unit), res.index(unit));
  }
});
