// Workbooks in: the workbooks of testdata/excel/ (written by rust_xlsxwriter: a notes sheet
// first, then a title merged over the header, numbers as text with decimal commas, formulas,
// a total row) read from a Uint8Array or an ArrayBuffer to the values of their CSV twins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Framework, LeagueTable, Scorecard, Survey } from "parindex";
import { repoRoot, testdata, throwsCode } from "./helpers.mjs";

const bytes = (name) => readFileSync(join(repoRoot, "testdata", "excel", name));
const opts = { index: "par", year: 2023 };
const triples = (t) => t.entries().map((e) => [e.province, e.score, e.rank]);

test("a league table sheet reads as its CSV twin, from a Uint8Array or an ArrayBuffer", () => {
  const twin = LeagueTable.fromCsv(testdata("published/par_index_provinces.csv"), opts);
  const buf = bytes("par-2023.xlsx");
  const t = LeagueTable.fromExcel(buf, { ...opts, sheet: "PAR 2023" });
  assert.deepEqual(triples(t), triples(twin));
  assert.equal(t.rank("Lạng Sơn"), 47);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  assert.deepEqual(triples(LeagueTable.fromExcel(ab, { ...opts, sheet: 1 })), triples(twin));
});

test("a scorecard sheet with a Tổng row", () => {
  const fw = Framework.builtin("par-2022");
  const card = Scorecard.fromExcel(bytes("scorecard-quang-nam.xlsx"), fw, "Quảng Nam", { sheet: "Điểm" });
  const twin = Scorecard.fromCsv("Mã;Tên;Điểm\n1;A;9,44\n2;B;\n3;C;10,68\n;Tổng;80,5\n", fw, "Quảng Nam");
  assert.deepEqual(card.given(), twin.given());
  assert.deepEqual(card.given().at(-1), { code: "total", points: "80.5" });
});

test("errors name the sheet and the cell", () => {
  throwsCode(() => LeagueTable.fromExcel(bytes("bad-number.xlsx"), { ...opts, sheet: "Bảng 1" }), "INVALID_NUMBER", {
    sheet: "Bảng 1",
    row: 5,
    cell: "B5",
    message: /sheet `Bảng 1`, row 5, column `Điểm số`, cell B5: `8x,1` is not a number/,
  });
  throwsCode(() => LeagueTable.fromExcel(bytes("bad-number.xlsx"), { ...opts, sheet: "Bảng 2" }), "NOT_FOUND", {
    message: /`Ghi chú`, `Bảng 1`/,
  });
  throwsCode(() => LeagueTable.fromExcel(new TextEncoder().encode("province,score\n"), opts), "MALFORMED", {
    message: /this is text \(CSV\?\), not an Excel workbook: use from_csv/,
  });
  throwsCode(() => LeagueTable.fromExcel("not bytes", opts), "INVALID_ARGUMENT", { argument: "bytes" });
  throwsCode(() => LeagueTable.fromExcel(bytes("bad-number.xlsx"), { ...opts, sheet: true }), "INVALID_ARGUMENT", {
    argument: "options.sheet",
  });
});

test("columns named in the options, and checked", () => {
  const csv = "respondent,Tỉnh,Quận/Huyện,item,answer\nr1,Lạng Sơn,Huyện A,P.1.1,4\n";
  const mini = Framework.fromJson(testdata("sipas/mini-framework.json"));
  throwsCode(() => Survey.fromCsv(csv, { framework: mini, unitColumn: "Huyen", requireAllItems: false }), "UNKNOWN_COLUMN", {
    column: "Huyen",
    details: { option: "options.unitColumn", column: "Huyen", columns: ["respondent", "Tỉnh", "Quận/Huyện", "item", "answer"], nearest: "Quận/Huyện" },
    message: /its columns: `respondent`, `Tỉnh`, `Quận\/Huyện`, `item`, `answer`\); did you mean `Quận\/Huyện`\?/,
  });
  const t = LeagueTable.fromExcel(bytes("par-2023.xlsx"), {
    ...opts,
    sheet: "PAR 2023",
    headerRow: 3,
    columns: { province: "Tỉnh, thành phố", score: "Điểm số", rank: "Xếp hạng" },
  });
  assert.equal(t.rank("Lạng Sơn"), 47);
  throwsCode(
    () => LeagueTable.fromExcel(bytes("bad-number.xlsx"), { ...opts, sheet: "Bảng 1", columns: { province: "Tinh x" } }),
    "UNKNOWN_COLUMN",
    { family: "input" },
  );
});

test("an unknown result code is an error, not null", () => {
  const mini = Framework.fromJson(testdata("sipas/mini-framework.json"));
  const res = Survey.fromCsv(testdata("sipas/mini-wide.csv"), { framework: mini }).compute();
  assert.equal(res.value("Alpha", "S.2"), "50");
  throwsCode(() => res.value("Alpha", "procedure"), "UNKNOWN_CODE", { message: /codes and keys/ });
});

test("the README's tables are core/data/columns.csv and methods.csv", () => {
  const readme = readFileSync(join(repoRoot, "bindings-wasm", "README.md"), "utf8");
  const csvRows = (name) => {
    const [head, ...lines] = testdata(`../core/data/${name}`).trim().split("\n");
    const split = (line) => [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].slice(0, head.split(",").length).map((m) => m[2] ?? m[1]);
    const keys = head.split(",");
    return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [keys[i], v])));
  };
  const loaders = { league: "LeagueTable", framework: "Framework", scorecard: "Scorecard", survey: "Survey", assignments: "Assignments", long: "Units" };
  const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const groups = new Map();
  for (const r of csvRows("columns.csv")) {
    const key = `${r.role}|${r.loaders}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r.header);
  }
  const columns = [
    "| role (`columns` key) | read by | headers recognised (any case, with or without diacritics) |",
    "|---|---|---|",
    ...[...groups].map(([key, headers]) => {
      const [role, ls] = key.split("|");
      return `| \`${camel(role)}\` | ${ls.split(" ").map((l) => loaders[l]).join(", ")} | ${headers.map((h) => `\`${h}\``).join(", ")} |`;
    }),
  ].join("\n");
  assert.ok(readme.includes(`<!-- columns:start -->\n${columns}\n<!-- columns:end -->`), columns);
  const methods = [
    "| value in the method column | method | basis |",
    "|---|---|---|",
    ...csvRows("methods.csv").map((r) => `| \`${r.value}\` | \`${r.method}\` | ${r.basis} |`),
  ].join("\n");
  assert.ok(readme.includes(`<!-- methods:start -->\n${methods}\n<!-- methods:end -->`), methods);
});
