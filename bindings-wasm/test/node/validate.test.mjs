// `validate` on every loader: every problem of an input at once (the core's `validate_csv` /
// `validate_table`), each planted fault with its kind and its row (header = row 1), as
// ParIndexError objects (not thrown); an empty array when the input loads. Python's
// `validate` reports the same (bindings-python/tests/test_validate.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Framework, LeagueTable, ParIndexError, Scorecard, Survey } from "parindex";

const found = (errors) => {
  for (const e of errors) assert.ok(e instanceof Error && e.name === "ParIndexError", String(e));
  return errors.map((e) => [e.kind, e.row]);
};

test("LeagueTable.validate: every planted fault with its row", () => {
  const text = "province,score,rank\nLạng Sơn,85.94,47\nAtlantis,80,50\nCao Bằng,abc,55\nHà Giang,83.63,0\n";
  const errors = LeagueTable.validate(text, { index: "par", year: 2023 });
  assert.deepEqual(found(errors), [["UNKNOWN_PROVINCE", 3], ["INVALID_NUMBER", 4], ["INVALID_RANK", 5]]);
  assert.equal(errors[0].details.name, "Atlantis");
  assert.deepEqual([errors[1].column, errors[1].details], ["score", { value: "abc" }]);
  assert.deepEqual(errors[2].details, { rank: 0, of: 63 });
  assert.deepEqual(LeagueTable.validate("province,score,rank\nLạng Sơn,85.94,47\n", { index: "par", year: 2023 }), []);
  const named = "Kết quả,,\nĐịa bàn,Điểm,Thứ bậc\nAtlantis,80,50\n";
  const columns = { province: "Địa bàn", score: "Điểm", rank: "Thứ bậc" };
  assert.deepEqual(found(LeagueTable.validate(named, { index: "par", year: 2023, headerRow: 2, columns })), [["UNKNOWN_PROVINCE", 3]]);
});

test("Scorecard.validate: every planted fault with its row and code", () => {
  const fw = Framework.builtin("par-2022");
  const errors = Scorecard.validate("code,points\n1,99\n99,1\n2,-1\n", fw, "Lạng Sơn");
  assert.deepEqual(found(errors), [["ABOVE_MAX", 2], ["UNKNOWN_CODE", 3], ["NEGATIVE", 4]]);
  assert.deepEqual(errors.map((e) => e.code), ["1", "99", "2"]);
  assert.equal(errors[0].details.points, "99");
  assert.deepEqual(Scorecard.validate("code,points\n1,1\n", fw, "Lạng Sơn"), []);
});

test("Framework.validate: every planted fault with its row", () => {
  const errors = Framework.validate("code,name,max_points\n1,A,10\n1.1,A1,abc\n1.2,,4\n");
  assert.deepEqual(found(errors), [["INVALID_NUMBER", 3], ["MISSING_FIELD", 4]]);
  assert.deepEqual(errors.map((e) => e.code), ["1.1", "1.2"]);
  assert.deepEqual(errors[1].details, { field: "name" });
  assert.deepEqual(Framework.validate("code,name,max_points\n1,A,10\n1.1,A1,10\n"), []);
});

test("Survey.validate: every planted fault with its row", () => {
  const text = "respondent,unit,item,answer\nr1,U,A.1.1,4\nr2,U,A.1.1,6\nr1,U,A.1.1,5\n";
  const errors = Survey.validate(text, { requireAllItems: false });
  assert.deepEqual(found(errors), [["INVALID_ANSWER", 3], ["DUPLICATE_ANSWER", 4]]);
  assert.equal(errors[0].details.value, "6");
  assert.equal(errors[1].details.respondent, "r1");
  assert.ok(errors[0] instanceof ParIndexError || errors[0].name === "ParIndexError");
  assert.deepEqual(Survey.validate("respondent,unit,item,answer\nr1,U,A.1.1,4\n", { requireAllItems: false }), []);
});
