// One ranking semantics seen from JS: the same answers as the Rust tests
// (core/tests/rank_semantics.rs) for the published SIPAS 2023 table, a 3-decimal table built
// from entries, and mismatched scorecards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Framework, LeagueTable, Scorecard, published, plan } from "parindex";
import { throwsCode } from "./helpers.mjs";

/** a − b for decimal strings of at most 2 decimals, exactly (as a string). */
const minusCent = (a) => {
  const cents = Math.round(Number(a) * 100) - 1;
  return (cents / 100).toFixed(2);
};

test("points to rank is the least gain rank with gain accepts (SIPAS 2023)", () => {
  const t = published("sipas", 2023);
  assert.equal(t.decimals, 2);
  // Hải Phòng #5 (88.09) below Lào Cai #6 (88.76): Yên Bái needs 1.03 for a sure #5.
  assert.equal(t.pointsToRank("Yên Bái", 5).high, "1.03");
  assert.equal(t.rankWithGain("Yên Bái", "1.03").worst, 5);
  assert.equal(t.rankWithGain("Yên Bái", "1.02").worst, 6);
  for (const e of t.entries()) {
    if (e.score === null) continue;
    let previous = Infinity;
    for (let target = 1; target <= t.of; target++) {
      const high = t.pointsToRank(e.province, target).high;
      assert.ok(t.rankWithGain(e.province, high).worst <= target, `${e.province} #${target} +${high}`);
      if (Number(high) > 0) assert.ok(t.rankWithGain(e.province, minusCent(high)).worst > target);
      assert.ok(Number(high) <= previous);
      previous = Number(high);
    }
  }
});

test("a table from unrounded values compares at its decimals", () => {
  const rows = [
    { province: "Huyện X", score: "82" },
    { province: "Huyện Y", score: "90" },
    { province: "Huyện Z", score: "95.123" },
  ];
  const t = LeagueTable.fromEntries(rows, { index: "huyện", year: 2024 });
  assert.equal(t.decimals, 3);
  assert.equal(t.pointsToRank("Huyện X", 1).high, "13.123");
  assert.equal(t.rankIf("Huyện X", "95.123").worst, 1);
  assert.equal(t.rankWithGain("Huyện X", "13.123").worst, 1);
  assert.equal(t.rankWithGain("Huyện X", "13.122").worst, 2);
  const t2 = LeagueTable.fromEntries(rows, { index: "huyện", year: 2024, decimals: 2 });
  assert.equal(t2.decimals, 2);
  assert.equal(t2.pointsToRank("Huyện X", 1).high, "13.12");
});

test("mismatched scorecards are errors naming both sides", () => {
  const card = Scorecard.fromPoints(Framework.builtin("par-2022"), "Quảng Nam", { total: "84.6" });
  throwsCode(() => plan(card, published("sipas", 2023), 30), "MISMATCH");
  const lost = Scorecard.fromPoints(Framework.builtin("par-2022"), "Lang Song", { total: "84.6" });
  throwsCode(() => plan(lost, published("par", 2023), 30), "UNKNOWN_PROVINCE");
});
