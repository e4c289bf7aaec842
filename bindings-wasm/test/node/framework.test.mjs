// Frameworks: built-ins, JSON and CSV loaders, the tree and its maxima.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Framework, frameworkIds, periods } from "parindex";
import { testdata, throwsCode } from "./helpers.mjs";

test("every built-in framework loads, with its decision", () => {
  const ids = frameworkIds();
  assert.deepEqual(ids, ["par-2017", "par-2022", "par-2024", "sipas-2017", "sipas-2023"]);
  for (const id of ids) {
    const fw = Framework.builtin(id);
    assert.equal(fw.id, id);
    assert.match(fw.decision, /\/QĐ-BNV$/);
  }
});

test("PAR 2023 is 876/QĐ-BNV: 8 fields, 4 components, F2 + F6 + F7 = 35.5", () => {
  const fw = Framework.forYear("par", 2023);
  assert.equal(fw.id, "par-2022");
  assert.equal(fw.decision, "876/QĐ-BNV");
  assert.equal(fw.index, "par");
  assert.equal(fw.totalMaxPoints, "100");
  assert.ok(fw.nameVi.startsWith("Chỉ số cải cách hành chính"));
  assert.ok(fw.nameEn.length > 0);
  const fields = fw.children();
  assert.deepEqual(fields.map((n) => n.code), ["1", "2", "3", "4", "5", "6", "7", "8"]);
  assert.equal(fields[0].maxPoints, "9.5");
  assert.equal(fields[0].status, "confirmed");
  // Unknown maxima stay unknown (absent), with the known lower bound.
  assert.equal(fields[1].maxPoints, undefined);
  assert.equal(fields[1].atLeast, "9.38");
  assert.equal(fw.maxPoints("3"), "13");
  assert.equal(fw.maxPoints("2"), null);
  assert.equal(fw.maxPoints("total"), "100");
  assert.equal(fw.maxPoints("leaders_survey"), "22");
  const [components] = fw.groupings();
  assert.equal(components.id, "component");
  assert.deepEqual(components.nodes.map((n) => [n.code, n.maxPoints]), [
    ["appraised", "61.5"], ["socio_economic", "6.5"], ["leaders_survey", "22"], ["sipas", "10"],
  ]);
  assert.deepEqual(fw.constraints().map((c) => [c.codes, c.sum]), [[["2", "6", "7"], "35.5"]]);
  assert.deepEqual(fw.nodes().map((n) => n.code), fw.leafCodes());
  assert.equal(fw.leaves().length, 8);
  assert.deepEqual(fw.children("3"), []);
  throwsCode(() => fw.maxPoints("9"), "UNKNOWN_CODE", { code: "9" });
});

test("SIPAS 2023 (1001/QĐ-BNV): 39 items, 23 policy + 16 service", () => {
  const fw = Framework.forYear("sipas", 2023);
  assert.equal(fw.id, "sipas-2023");
  assert.equal(fw.totalMaxPoints, null);
  assert.equal(fw.leafCodes().length, 39);
  assert.equal(fw.leafCodes().filter((c) => c.startsWith("A.")).length, 23);
  assert.deepEqual(fw.children().map((n) => n.code), ["A", "B"]);
});

test("JSON round trip and toObject", () => {
  const fw = Framework.builtin("par-2024");
  const again = Framework.fromJson(fw.toJson(), "copy.json");
  assert.deepEqual(again.toObject(), fw.toObject());
  const obj = fw.toObject();
  assert.equal(obj.id, "par-2024");
  assert.equal(obj.decision, "892/QĐ-BNV");
  assert.deepEqual(obj.years, { first: 2024, last: null });
  assert.ok(Array.isArray(obj.nodes) && obj.nodes.length === 8);
  assert.ok("levelNames" in obj && "totalMaxPoints" in obj);
});

test("CSV in the official layout: decimal commas, rules, declared total", () => {
  const fw = Framework.fromCsv(testdata("frameworks/district-index-example.csv"), {
    id: "district-example",
    index: "district",
    nameVi: "Chỉ số CCHC cấp huyện (ví dụ)",
    label: "district-index-example.csv",
  });
  assert.equal(fw.id, "district-example");
  assert.equal(fw.index, "district");
  assert.equal(fw.totalMaxPoints, "10");
  assert.equal(fw.maxPoints("1"), "4.5");
  assert.equal(fw.maxPoints("1.3"), "1.5");
  const leaf = fw.nodes().find((n) => n.code === "1.2");
  assert.equal(leaf.rule.kind, "bands");
  const again = Framework.fromCsv(fw.toCsv(), { id: "again", totalMaxPoints: "10" });
  assert.deepEqual(again.leafCodes(), fw.leafCodes());
});

test("framework errors name file, row and code", () => {
  const csv = (name) => testdata(`bad/${name}`);
  throwsCode(() => Framework.fromCsv(csv("framework-duplicate-code.csv"), { label: "dup.csv" }), "DUPLICATE_CODE", {
    code: "1.1",
    message: /code `1.1`/,
  });
  throwsCode(() => Framework.fromCsv(csv("framework-children-exceed.csv")), "FRAMEWORK", {
    family: "framework",
    message: /add up to 6, not 5/,
  });
  throwsCode(() => Framework.fromCsv(csv("framework-missing-parent.csv")), "FRAMEWORK", {
    message: /parent `2` is missing/,
  });
  throwsCode(() => Framework.fromCsv(csv("framework-max-not-number.csv"), { label: "max.csv" }), "INVALID_NUMBER", {
    file: "max.csv",
    row: 2,
    details: { value: "năm" },
  });
  throwsCode(() => Framework.fromJson(csv("framework-truncated.json"), "cut.json"), "MALFORMED", {
    file: "cut.json",
    row: 1,
  });
  throwsCode(
    () => Framework.fromJson('{"id":"x","index":"par","name_vi":"x","nodes":[],"colour":"red"}'),
    "MALFORMED",
    { message: /colour/ },
  );
  throwsCode(() => Framework.builtin("par-2099"), "NOT_FOUND", { details: { what: "built-in framework", name: "par-2099" } });
  throwsCode(() => Framework.forYear("par", 2021), "NOT_FOUND", { message: /1150\/QĐ-BNV/ });
  throwsCode(() => Framework.fromCsv("code,name\n1,A\n", { colour: "red" }), "INVALID_ARGUMENT", {
    argument: "options",
    message: /unknown key `colour`/,
  });
});

test("methodology periods: the decision for each range of years", () => {
  const list = periods();
  assert.deepEqual(Object.keys(list[0]), ["index", "firstYear", "lastYear", "decision", "framework", "status", "note"]);
  const sipas = list.filter((p) => p.index === "sipas");
  const of = (year) => sipas.find((p) => p.firstYear <= year && (p.lastYear === null || year <= p.lastYear));
  assert.match(of(2019).decision, /^2640\/QĐ-BNV/);
  assert.equal(of(2019).framework, "sipas-2017");
  assert.match(of(2024).decision, /^1001\/QĐ-BNV/);
  assert.equal(of(2024).framework, "sipas-2023");
  const par = list.filter((p) => p.index === "par");
  assert.equal(par.at(-1).lastYear, null, "the current period is open");
  for (const p of list) if (p.framework) assert.equal(Framework.builtin(p.framework).id, p.framework);
});

test("as the README says: periods() names the decision of any year; forYear only where a framework is built in", () => {
  const decisionOf = (index, year) =>
    periods().find((p) => p.index === index && p.firstYear <= year && (p.lastYear ?? 9999) >= year)?.decision;
  assert.equal(decisionOf("par", 2019), "2636/QĐ-BNV (10/12/2018)");
  assert.equal(decisionOf("par", 2021), "1150/QĐ-BNV (30/12/2020)");
  for (const year of [2018, 2019, 2020, 2021]) {
    throwsCode(() => Framework.forYear("par", year), "NOT_FOUND", { message: new RegExp(decisionOf("par", year).split(" ")[0]) });
  }
  for (const [index, year, id] of [["par", 2017, "par-2017"], ["par", 2023, "par-2022"], ["par", 2025, "par-2024"], ["sipas", 2021, "sipas-2017"], ["sipas", 2022, "sipas-2023"]]) {
    const fw = Framework.forYear(index, year);
    assert.equal(fw.id, id);
    assert.ok(decisionOf(index, year).startsWith(fw.decision), `${index} ${year}: ${fw.decision} / ${decisionOf(index, year)}`);
  }
});
